namespace Actors.Cluster.Internal;

/// <summary>The reply slot a decoded request holds; knows its reply type, so it can ask the local target with it.</summary>
internal interface IInboundReply
{
    void Deliver(IInboundTarget target, object? message);
}
