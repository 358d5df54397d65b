namespace Actors.Hosting.AspNetCore;

/// <summary>Settings of the introspection endpoints mapped by <c>MapActors</c>.</summary>
public sealed class ActorsEndpointOptions
{
    /// <summary>
    /// The bearer token that <c>POST {prefix}/stop</c> requires (<c>Authorization: Bearer ...</c>, compared in
    /// constant time). Without a token the stop endpoint is not mapped at all and the live page shows no stop button.
    /// </summary>
    /// <value>null (no stop endpoint).</value>
    public string? StopToken { get; set; }

    /// <summary>Who may call the endpoints.</summary>
    /// <value><see cref="ActorsEndpointAccess.LoopbackOnly"/>: callers from other machines get 403.</value>
    public ActorsEndpointAccess Access { get; set; }

    /// <summary>The most tasks one <c>GET {prefix}</c> answer lists; a bigger tree is paged (<c>offset</c>, <c>limit</c>) with a truncation marker.</summary>
    /// <value>10,000.</value>
    public int MaxPageSize { get; set; } = 10_000;
}
