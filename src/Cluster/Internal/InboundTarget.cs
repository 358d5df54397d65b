using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Actors.Cluster.Internal;

/// <summary>An exposed local actor: decodes payloads as <typeparamref name="TMessage"/> and tells or asks it.</summary>
internal sealed class InboundTarget<TMessage>(ClusterNode node, IActorRef<TMessage> target, JsonTypeInfo<TMessage> typeInfo) : IInboundTarget
{
    public IActorRef<TMessage> Ref => target;

    public ActorTask ActorTask => target.TaskOf();

    public string MessageType => typeof(TMessage).FullName!;

    public void Deliver(string subject, ReadOnlySpan<byte> payload, string? replySubject)
    {
        TMessage? message;
        IInboundReply? slot;
        WireScope.BeginRead(node, replySubject);
        try { message = JsonSerializer.Deserialize(payload, typeInfo); }
        catch (Exception ex)
        {
            WireScope.EndRead();
            node.Reject(ActorTask, subject, payload.Length, DeadLetterReason.Undecodable, $"not a {typeof(TMessage).Name}: {ex.Message}", replySubject);
            return;
        }
        slot = WireScope.EndRead();
        if (message is null)
        {
            node.Reject(ActorTask, subject, payload.Length, DeadLetterReason.Undecodable, "the payload decoded to null", replySubject);
            return;
        }
        if (slot is not null) slot.Deliver(this, message);
        else if (!target.TryTell(message) && !target.TaskOf().IsFinished)
            node.System.DeadLetters.Report(target.TaskOf(), message, DeadLetterReason.MailboxFull);
    }

    public void Complete() => target.Complete();

    public void Relay<TReply>(InboundReply<TReply> reply, object? message) => reply.Relay(target, (TMessage)message!);
}
