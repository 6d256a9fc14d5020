namespace IvrReadings.Speech.Recognition;

/// <summary>Who waits for a recognition: a caller on the line, or the background queue (the caller is gone).</summary>
public enum RecognitionPriority
{
    Live,
    Background,
}

/// <summary>
/// How many recognitions run at once (a recognizer keeps one core busy), live callers first, always:
/// <list type="bullet">
/// <item>a live recognition starts as soon as fewer than <see cref="Slots"/> LIVE recognitions run: background work
/// never delays it (a queued file already being recognized finishes beside it);</item>
/// <item>a background recognition starts only while live and background together leave a slot free and no live
/// recognition is waiting; freed slots go to waiting live recognitions first.</item>
/// </list>
/// </summary>
public sealed class RecognitionGate
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _live = new();
    private readonly LinkedList<Waiter> _background = new();
    private int _liveRunning;
    private int _backgroundRunning;

    public RecognitionGate(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        Slots = slots;
    }

    /// <summary>Recognitions the machine runs at once (one per core by default: <c>Speech:MaxConcurrency</c>).</summary>
    public int Slots { get; }

    public int LiveRunning
    {
        get
        {
            lock (_lock)
            {
                return _liveRunning;
            }
        }
    }

    public int BackgroundRunning
    {
        get
        {
            lock (_lock)
            {
                return _backgroundRunning;
            }
        }
    }

    /// <summary>Waits for a slot; dispose the result when the recognition is over.</summary>
    public async ValueTask<IDisposable> EnterAsync(RecognitionPriority priority, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_lock)
        {
            if (CanStart(priority))
            {
                Start(priority);
                return new Slot(this, priority);
            }

            waiter = new Waiter(priority);
            waiter.Node = (priority == RecognitionPriority.Live ? _live : _background).AddLast(waiter);
        }

        await using (cancellationToken.UnsafeRegister(static state => ((Waiter)state!).Cancel(), waiter))
        {
            try
            {
                await waiter.Granted.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                lock (_lock)
                {
                    if (waiter.Node?.List is { } list)
                    {
                        list.Remove(waiter.Node);
                    }
                }

                throw new OperationCanceledException(cancellationToken);
            }
        }

        return new Slot(this, priority);
    }

    // Background waiters are granted after the live queue is empty, so "no live waiting" holds for them then.
    private bool CanStart(RecognitionPriority priority) => priority == RecognitionPriority.Live
        ? _liveRunning < Slots
        : _live.Count == 0 && _liveRunning + _backgroundRunning < Slots;

    private void Start(RecognitionPriority priority)
    {
        if (priority == RecognitionPriority.Live)
        {
            _liveRunning++;
        }
        else
        {
            _backgroundRunning++;
        }
    }

    private void Release(RecognitionPriority priority)
    {
        var granted = new List<Waiter>();
        lock (_lock)
        {
            if (priority == RecognitionPriority.Live)
            {
                _liveRunning--;
            }
            else
            {
                _backgroundRunning--;
            }

            Grant(_live, RecognitionPriority.Live, granted);
            Grant(_background, RecognitionPriority.Background, granted);
        }

        // Outside the lock: the continuations may run inline.
        foreach (var waiter in granted)
        {
            if (!waiter.Granted.TrySetResult())
            {
                // Cancelled at the same moment: the slot it was given goes back.
                Release(waiter.Priority);
            }
        }
    }

    private void Grant(LinkedList<Waiter> waiters, RecognitionPriority priority, List<Waiter> granted)
    {
        while (waiters.First is { } first && CanStart(priority))
        {
            waiters.RemoveFirst();
            first.Value.Node = null;
            Start(priority);
            granted.Add(first.Value);
        }
    }

    private sealed class Waiter(RecognitionPriority priority)
    {
        public RecognitionPriority Priority { get; } = priority;

        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public void Cancel() => Granted.TrySetCanceled();
    }

    private sealed class Slot(RecognitionGate gate, RecognitionPriority priority) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Release(priority);
            }
        }
    }
}
