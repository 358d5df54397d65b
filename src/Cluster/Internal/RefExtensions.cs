namespace Actors.Cluster.Internal;

/// <summary>The one place the cluster reads a reference's task, so the kernel's property name is written once.</summary>
internal static class RefExtensions
{
    public static ActorTask TaskOf<TMessage>(this IActorRef<TMessage> reference) => reference.ActorTask;
}
