namespace Actors.Internal;

/// <summary>The system's root: always Running, no body, no mailbox. Its children are the top-level tasks.</summary>
internal sealed class RootTask : ActorTask
{
    public RootTask(ActorSystem system) : base(system, null, SpawnOptions.Default) => MarkRunning();

    public override ActorBodyKind BodyKind => ActorBodyKind.Root;

    public override int MailboxDepth => 0;

    internal override CancellationToken CancellationCore => CancellationToken.None;

    private protected override Task CompletionCore => System.Completion;

    private protected override string DescribeMailbox() => "the root has no mailbox";

    private protected override void StartBody() { }

    private protected override void CancelBody() { }

    private protected override void PublishOutcome() { }
}
