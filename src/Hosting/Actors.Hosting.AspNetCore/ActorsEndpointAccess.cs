namespace Actors.Hosting.AspNetCore;

/// <summary>Who may call the introspection endpoints.</summary>
public enum ActorsEndpointAccess
{
    /// <summary>Only callers on this machine (loopback addresses). The default.</summary>
    LoopbackOnly,

    /// <summary>Anyone who can reach the port. Put the endpoints behind your own authorization (<c>RequireAuthorization</c>) when you choose this.</summary>
    Anyone,
}
