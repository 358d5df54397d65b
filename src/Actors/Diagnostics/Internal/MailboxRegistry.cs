using System.Diagnostics;

namespace Actors.Internal;

/// <summary>
/// The tasks that have a mailbox, for the mailbox-depth gauge: read without the tree lock, so a metrics
/// collection never holds up spawns, stops or asks. A task joins when its mailbox is created (first
/// message) and leaves when it finishes. Sharded by task id, each shard an intrusive list under its
/// own lock, so spawns and finishes on different shards do not contend, and the reader holds one
/// shard at a time. Message traffic never touches it.
/// </summary>
internal sealed class MailboxRegistry
{
    private readonly Shard[] _shards = CreateShards();   // immutable array; each shard's list guarded by its lock

    public void Track(ActorTask task)
    {
        var shard = ShardOf(task);
        lock (shard.Lock)
        {
            if (task.MailboxTracked) return;
            task.MailboxNext = shard.Head;
            if (shard.Head is not null) shard.Head.MailboxPrev = task;
            shard.Head = task;
            task.MailboxTracked = true;
        }
        // The task may have finished (and skipped Untrack) while its mailbox was being created.
        Interlocked.MemoryBarrier();
        if (task.IsFinished) Untrack(task);
    }

    /// <summary>Removes a finished task; cheap for one that never had a mailbox.</summary>
    public void Untrack(ActorTask task)
    {
        Debug.Assert(task.IsFinished, "only finished tasks leave");
        Interlocked.MemoryBarrier();   // pairs with Track: one of the two sees the other's write
        if (!Volatile.Read(ref task.MailboxTracked)) return;
        var shard = ShardOf(task);
        lock (shard.Lock)
        {
            if (!task.MailboxTracked) return;
            if (task.MailboxPrev is null) shard.Head = task.MailboxNext; else task.MailboxPrev.MailboxNext = task.MailboxNext;
            if (task.MailboxNext is not null) task.MailboxNext.MailboxPrev = task.MailboxPrev;
            task.MailboxPrev = task.MailboxNext = null;
            task.MailboxTracked = false;
        }
    }

    /// <summary>Adds every tracked task's mailbox depth to its bucket's total in <paramref name="depths"/>.</summary>
    public void AddDepths(Dictionary<MetricBucket, long> depths)
    {
        foreach (var shard in _shards)
        {
            lock (shard.Lock)
            {
                for (var task = shard.Head; task is not null; task = task.MailboxNext)
                {
                    var bucket = task.MetricBucket!;
                    depths[bucket] = depths.GetValueOrDefault(bucket) + task.MailboxDepth;
                }
            }
        }
    }

    private Shard ShardOf(ActorTask task) => _shards[(int)((ulong)task.Id % (ulong)_shards.Length)];

    private static Shard[] CreateShards()
    {
        var shards = new Shard[Math.Max(4, Environment.ProcessorCount * 2)];
        for (var i = 0; i < shards.Length; i++) shards[i] = new Shard();
        return shards;
    }

    private sealed class Shard
    {
        public readonly Lock Lock = new();   // guards Head and the links of the tasks in this shard
        public ActorTask? Head;              // most recently tracked task
    }
}
