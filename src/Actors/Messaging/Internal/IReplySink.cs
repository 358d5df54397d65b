namespace Actors.Internal;

/// <summary>The kernel's view of an ask's reply slot: it can fail it when handling fails or the recipient finishes.</summary>
internal interface IReplySink
{
    bool Fail(Exception error);
}
