using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace Actors.Internal;

/// <summary>
/// An unbounded many-writer, single-reader <see cref="Channel{T}"/> sized for one actor's mailbox.
/// <para>
/// Why not <c>Channel.CreateUnbounded</c>: that channel allocates about 1.4 KB up front (a
/// <c>ConcurrentQueue</c> segment padded against false sharing), which is right for one hot channel
/// and wrong for a million mostly idle mailboxes. This one starts with 4 slots and grows by doubling.
/// </para>
/// <para>
/// Double buffering keeps the reader off the lock: writers append to the write buffer under
/// <see cref="_sync"/>; the reader drains its own read buffer without a lock and swaps the two buffers
/// (under the lock) only when its buffer is empty, so it takes the lock once per batch, not per item.
/// </para>
/// </summary>
internal sealed class CompactChannel<T> : Channel<T>
{
    private const int InitialCapacity = 4;

    private readonly Lock _sync = new();          // guards the write side and the completion state
    private T[] _write = [];                      // write buffer; guarded by _sync
    private int _writeCount;                      // items in _write; guarded by _sync
    private bool _completed;                      // TryComplete was called; guarded by _sync
    private TaskCompletionSource<bool>? _waiter;  // the reader waiting for an item; guarded by _sync
    private TaskCompletionSource? _completion;    // Reader.Completion, created on first read; guarded by _sync

    private T[] _read = [];                       // read buffer; owned by the single reader
    private int _readIndex, _readCount;           // next and end of _read; written by the reader only

    public CompactChannel()
    {
        Reader = new CompactReader(this);
        Writer = new CompactWriter(this);
    }

    private int Count
    {
        get
        {
            lock (_sync) return _writeCount + Math.Max(0, Volatile.Read(ref _readCount) - Volatile.Read(ref _readIndex));
        }
    }

    private bool TryWrite(T item)
    {
        TaskCompletionSource<bool>? waiter;
        lock (_sync)
        {
            if (_completed) return false;
            if (_writeCount == _write.Length) Array.Resize(ref _write, Math.Max(InitialCapacity, _write.Length * 2));
            _write[_writeCount++] = item;
            waiter = _waiter;
            _waiter = null;
        }
        waiter?.TrySetResult(true);
        return true;
    }

    private bool TryComplete()
    {
        TaskCompletionSource<bool>? waiter;
        TaskCompletionSource? completion = null;
        lock (_sync)
        {
            if (_completed) return false;
            _completed = true;
            waiter = _waiter;
            _waiter = null;
            if (_writeCount == 0 && _readIndex >= _readCount) completion = _completion;
        }
        waiter?.TrySetResult(false);
        completion?.TrySetResult();
        return true;
    }

    /// <summary>Reader only: takes the next item, swapping buffers when its own is empty.</summary>
    private bool TryRead([MaybeNullWhen(false)] out T item)
    {
        if (_readIndex < _readCount || Refill())
        {
            item = _read[_readIndex];
            _read[_readIndex] = default!;   // let the message be collected
            Volatile.Write(ref _readIndex, _readIndex + 1);
            return true;
        }
        item = default;
        return false;
    }

    private bool TryPeek([MaybeNullWhen(false)] out T item)
    {
        if (_readIndex < _readCount || Refill())
        {
            item = _read[_readIndex];
            return true;
        }
        item = default;
        return false;
    }

    /// <summary>Reader only: swaps in the write buffer; false if nothing was written.</summary>
    private bool Refill()
    {
        TaskCompletionSource? completion = null;
        lock (_sync)
        {
            Debug.Assert(_readIndex >= _readCount, "refill only an empty read buffer");
            if (_writeCount == 0)
            {
                if (_completed) completion = _completion;
                _readIndex = _readCount = 0;
            }
            else
            {
                (_read, _write) = (_write, _read);
                _readCount = _writeCount;
                _readIndex = 0;
                _writeCount = 0;
            }
        }
        completion?.TrySetResult();
        return _readCount > 0;
    }

    private ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<bool>(cancellationToken);
        if (_readIndex < _readCount) return new ValueTask<bool>(true);
        TaskCompletionSource<bool> waiter;
        lock (_sync)
        {
            if (_writeCount > 0) return new ValueTask<bool>(true);
            if (_completed) return new ValueTask<bool>(false);
            waiter = _waiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        return new ValueTask<bool>(cancellationToken.CanBeCanceled ? waiter.Task.WaitAsync(cancellationToken) : waiter.Task);
    }

    private Task Completion
    {
        get
        {
            lock (_sync)
            {
                if (_completed && _writeCount == 0 && _readIndex >= _readCount) return Task.CompletedTask;
                return (_completion ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }
    }

    /// <summary>Whether a reader's channel is completed and drained, without allocating a completion task for this channel.</summary>
    public static bool IsDone(ChannelReader<T> reader) => reader is CompactReader compact ? compact.IsCompleted : reader.Completion.IsCompleted;

    private bool IsCompleted
    {
        get
        {
            lock (_sync) return _completed && _writeCount == 0 && _readIndex >= _readCount;
        }
    }

    private sealed class CompactReader(CompactChannel<T> channel) : ChannelReader<T>
    {
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

        /// <summary>Completed and drained, without allocating a completion task.</summary>
        public bool IsCompleted => channel.IsCompleted;
    }

    private sealed class CompactWriter(CompactChannel<T> channel) : ChannelWriter<T>
    {
        public override bool TryWrite(T item) => channel.TryWrite(item);

        public override bool TryComplete(Exception? error = null) => channel.TryComplete();

        public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default)
        {
            if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<bool>(cancellationToken);
            lock (channel._sync) return new ValueTask<bool>(!channel._completed);
        }
    }
}
