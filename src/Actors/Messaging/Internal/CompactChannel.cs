using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace Actors.Internal;

/// <summary>
/// An unbounded many-writer, single-reader <see cref="Channel{T}"/> sized for one actor's mailbox.
/// <para>
/// Why not <c>Channel.CreateUnbounded</c>: that channel allocates about 1.4 KB up front (a
/// <c>ConcurrentQueue</c> segment padded against false sharing), which is right for one hot channel
/// and wrong for a million mostly idle mailboxes. This one starts with a 4-slot ring.
/// </para>
/// <para>
/// Shape: a chain of ring segments. Writers append under <see cref="_sync"/>, a spin lock (uncontended
/// unless several senders collide), and publish each item with a volatile write of the segment's tail. The
/// single reader takes items without any lock. A full ring is never resized in place: the writer links
/// a segment twice its size and moves on, and the reader follows once the old ring is drained. In a
/// steady stream the newest ring is reused round and round, so nothing is allocated per message.
/// </para>
/// </summary>
internal sealed class CompactChannel<T> : Channel<T>
{
    private const int InitialCapacity = 4, MaxCapacity = 1 << 20;

    /// <summary>A drained ring larger than this is swapped for a small one, so an idle mailbox does not keep a burst's memory.</summary>
    private const int MaxIdleCapacity = 1024;

    private int _sync;                            // spin lock (Enter/Exit): serializes writers; guards _tailSegment, _completed, _waiter, _completion
    private Segment _tailSegment;                 // where writers append; guarded by _sync
    private Segment _headSegment;                 // where the reader takes from; owned by the reader
    private volatile bool _completed;             // TryComplete was called; written under _sync
    private TaskCompletionSource<bool>? _waiter;  // the reader waiting for an item; guarded by _sync
    private TaskCompletionSource? _completion;    // Reader.Completion, created on demand; guarded by _sync

    public CompactChannel()
    {
        _tailSegment = _headSegment = new Segment(InitialCapacity);
        Reader = new CompactReader(this);
        Writer = new CompactWriter(this);
    }

    /// <summary>Whether a reader's channel is completed and drained, without allocating a completion task for this channel.</summary>
    public static bool IsDone(ChannelReader<T> reader) => reader is CompactReader compact ? compact.Channel.IsDrainedAndCompleted : reader.Completion.IsCompleted;

    /// <summary>Items queued; safe from any thread (a moment stale at worst).</summary>
    private int Count
    {
        get
        {
            long count = 0;
            for (var s = Volatile.Read(ref _headSegment); s is not null; s = Volatile.Read(ref s.Next)) count += s.Count;
            return (int)Math.Min(count, int.MaxValue);
        }
    }

    /// <summary>Slots held by the rings still reachable from the reader (tests and diagnostics).</summary>
    internal long RingCapacity
    {
        get
        {
            long slots = 0;
            for (var s = Volatile.Read(ref _headSegment); s is not null; s = Volatile.Read(ref s.Next)) slots += s.Capacity;
            return slots;
        }
    }

    private bool IsDrainedAndCompleted => _completed && Count == 0;

    /// <summary>
    /// Appends an item; false once completed. Ends with a full fence (the lock's release is an interlocked
    /// exchange), so a sender may read the reader's dispatch state right after without a fence of its own.
    /// </summary>
    public bool TryWrite(T item)
    {
        TaskCompletionSource<bool>? waiter;
        Enter();
        try
        {
            if (_completed) return false;
            if (!_tailSegment.TryAppend(item))
            {
                var next = new Segment(Math.Min(_tailSegment.Capacity * 2, MaxCapacity));
                next.TryAppend(item);
                Volatile.Write(ref _tailSegment.Next, next);   // the old ring is full and final from here on
                _tailSegment = next;
            }
            waiter = _waiter;
            _waiter = null;
        }
        finally
        {
            Exit();   // a full fence: the item is published before the caller reads anything after it
        }
        waiter?.TrySetResult(true);
        return true;
    }

    private bool TryComplete()
    {
        TaskCompletionSource<bool>? waiter;
        TaskCompletionSource? completion;
        Enter();
        try
        {
            if (_completed) return false;
            _completed = true;
            waiter = _waiter;
            _waiter = null;
            completion = Count == 0 ? _completion : null;
        }
        finally
        {
            Exit();
        }
        waiter?.TrySetResult(false);
        completion?.TrySetResult();
        return true;
    }

    // TryRead, TryPeek and WaitToReadAsync belong to the single reader: a handler turn holding the dispatch, or a process body.

    /// <summary>Reader only: the next item, called directly by a handler turn (no virtual dispatch).</summary>
    public bool TryRead([MaybeNullWhen(false)] out T item)
    {
        while (true)
        {
            var segment = _headSegment;
            if (segment.TryTake(out item)) return true;
            var next = Volatile.Read(ref segment.Next);
            if (next is null)
            {
                if (segment.Capacity > MaxIdleCapacity && Shrink(segment)) continue;
                if (_completed) SignalCompletion();
                return false;
            }
            if (segment.TryTake(out item)) return true;   // items published before the writer moved on
            Volatile.Write(ref _headSegment, next);
        }
    }

    /// <summary>
    /// Reader only: the big ring is drained; writers move on to a small ring, as if the big one were full,
    /// and the reader follows. Only on a drained ring above <see cref="MaxIdleCapacity"/>, never per message.
    /// </summary>
    private bool Shrink(Segment drained)
    {
        Enter();
        try
        {
            if (!ReferenceEquals(_tailSegment, drained) || drained.Count != 0) return false;   // a writer got in first: read on
            var small = new Segment(InitialCapacity);
            Volatile.Write(ref drained.Next, small);   // no writer appends to the drained ring from here on
            _tailSegment = small;
        }
        finally
        {
            Exit();
        }
        return true;
    }

    private bool TryPeek([MaybeNullWhen(false)] out T item)
    {
        while (true)
        {
            var segment = _headSegment;
            if (segment.TryPeek(out item)) return true;
            var next = Volatile.Read(ref segment.Next);
            if (next is null) return false;
            if (segment.TryPeek(out item)) return true;
            Volatile.Write(ref _headSegment, next);
        }
    }

    private ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<bool>(cancellationToken);
        if (TryPeek(out _)) return new ValueTask<bool>(true);
        TaskCompletionSource<bool> waiter;
        Enter();
        try
        {
            if (Count > 0) return new ValueTask<bool>(true);
            if (_completed) return new ValueTask<bool>(false);
            waiter = _waiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        finally
        {
            Exit();
        }
        return new ValueTask<bool>(cancellationToken.CanBeCanceled ? waiter.Task.WaitAsync(cancellationToken) : waiter.Task);
    }

    private void SignalCompletion()
    {
        TaskCompletionSource? completion;
        Enter();
        try { completion = Count == 0 ? _completion : null; }
        finally { Exit(); }
        completion?.TrySetResult();
    }

    private Task Completion
    {
        get
        {
            Enter();
            try
            {
                if (_completed && Count == 0) return Task.CompletedTask;
                return (_completion ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
            finally
            {
                Exit();
            }
        }
    }

    /// <summary>
    /// Takes the spin lock. A spin lock, not a <see cref="Lock"/>: what it guards is a few stores, and it
    /// saves the lock object per mailbox, the owner-thread lookup and one interlocked operation per write.
    /// A holder that is preempted (or allocating a ring) makes the others back off through <see cref="SpinWait"/>,
    /// which sleeps after a while.
    /// </summary>
    private void Enter()
    {
        if (Interlocked.CompareExchange(ref _sync, 1, 0) != 0) EnterContended();
    }

    private void EnterContended()
    {
        var spin = new SpinWait();
        do spin.SpinOnce();
        while (Volatile.Read(ref _sync) != 0 || Interlocked.CompareExchange(ref _sync, 1, 0) != 0);
    }

    /// <summary>Releases the spin lock with a full fence.</summary>
    private void Exit() => Interlocked.Exchange(ref _sync, 0);

    /// <summary>
    /// A ring of items: appended under the channel's lock, taken by the single reader without one. The
    /// writer's and the reader's indexes sit on separate cache lines, and each side keeps a cached copy
    /// of the other's index, so in a steady stream neither side keeps pulling the other's line.
    /// </summary>
    private sealed class Segment(int capacity)
    {
        private readonly T[] _items = new T[capacity];   // slot i & (capacity - 1); capacity is a power of two
        private PaddedIndexes _at;                       // head (the reader's) and tail (the writers'), each with its copy of the other

        /// <summary>The segment writers moved on to once this one was full; set once.</summary>
        public Segment? Next;

        public int Capacity => _items.Length;

        public long Count => Math.Max(0, Volatile.Read(ref _at.Tail) - Volatile.Read(ref _at.Head));

        public bool TryAppend(T item)
        {
            var tail = _at.Tail;
            if (tail - _at.SeenHead == _items.Length)
            {
                _at.SeenHead = Volatile.Read(ref _at.Head);
                if (tail - _at.SeenHead == _items.Length) return false;
            }
            _items[tail & (_items.Length - 1)] = item;
            Volatile.Write(ref _at.Tail, tail + 1);   // publish: the item is written before the reader can see it
            return true;
        }

        public bool TryTake([MaybeNullWhen(false)] out T item)
        {
            var head = _at.Head;
            if (head == _at.SeenTail && head == (_at.SeenTail = Volatile.Read(ref _at.Tail)))
            {
                item = default;
                return false;
            }
            var slot = head & (_items.Length - 1);
            item = _items[slot];
            _items[slot] = default!;                     // let the message be collected
            Volatile.Write(ref _at.Head, head + 1);  // release the slot to writers after it was read and cleared
            return true;
        }

        public bool TryPeek([MaybeNullWhen(false)] out T item)
        {
            var head = _at.Head;
            if (head == _at.SeenTail && head == (_at.SeenTail = Volatile.Read(ref _at.Tail)))
            {
                item = default;
                return false;
            }
            item = _items[head & (_items.Length - 1)];
            return true;
        }
    }

    private sealed class CompactReader(CompactChannel<T> channel) : ChannelReader<T>
    {
        public CompactChannel<T> Channel => channel;

        public override bool CanCount => true;

        public override bool CanPeek => true;

        public override int Count => channel.Count;

        public override Task Completion => channel.Completion;

        public override bool TryRead([MaybeNullWhen(false)] out T item) => channel.TryRead(out item);

        public override bool TryPeek([MaybeNullWhen(false)] out T item) => channel.TryPeek(out item);

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => channel.WaitToReadAsync(cancellationToken);

        public override async ValueTask<T> ReadAsync(CancellationToken cancellationToken = default)
        {
            while (true)
            {
                if (channel.TryRead(out var item)) return item;
                if (!await channel.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                    throw new ChannelClosedException();
            }
        }
    }

    private sealed class CompactWriter(CompactChannel<T> channel) : ChannelWriter<T>
    {
        public override bool TryWrite(T item) => channel.TryWrite(item);

        public override bool TryComplete(Exception? error = null) => channel.TryComplete();

        public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) =>
            cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<bool>(cancellationToken) : new ValueTask<bool>(!channel._completed);
    }
}
