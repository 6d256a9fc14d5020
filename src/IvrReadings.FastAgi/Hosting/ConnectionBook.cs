namespace IvrReadings.FastAgi;

/// <summary>
/// The listener's count of open FastAGI connections and its list of those still without their environment block
/// ("pending"), oldest first: which new connection is let in and which pending ones are closed to make room for it.
/// </summary>
/// <remarks>
/// A pending connection closed to make room stops counting at once, not when its handler later sees the read fail:
/// its descriptor is closed (<c>close</c>) before <see cref="Admit"/> returns. Counting it until then let a fast flood of idle
/// connections evict every pending one while the count still stood at the budget, and a real call arriving in that
/// moment was refused as if every connection were a call.
/// <para>The AudioSocket listener keeps its connections still to name their stream in a book of its own, by the same rules
/// (<see cref="Leave"/> once one is named).</para>
/// </remarks>
/// <typeparam name="T">What the caller keeps per connection (the listener: the socket).</typeparam>
/// <param name="close">Closes a connection evicted to make room (called outside the book's lock).</param>
/// <param name="emptied">Called when the last counted connection ends.</param>
public sealed class ConnectionBook<T>(int budget, int maxPending, long evictAge, Action<T> close, Action? emptied = null)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Entry> _pending = new();
    private int _open;

    /// <summary>Connections counted as open: calls, and pending ones not closed to make room.</summary>
    public int Open => Volatile.Read(ref _open);

    public int Budget => budget;

    /// <summary>Lets a new connection in, first choosing the pending ones to close: past the pending cap those idle for
    /// <c>evictAge</c> or more, at the budget the oldest whatever its age.</summary>
    /// <returns>The new connection's entry, or null when every open connection is a call and the budget is reached.</returns>
    public Entry? Admit(T value, long now) => Add(value, now, pending: true);

    /// <summary>Counts a connection that belongs to a call from the start (a voice answer's audio stream): never pending,
    /// never evicted; at the budget the oldest pending connection makes room, whatever its age.</summary>
    /// <returns>Its entry, or null when every open connection is a call and the budget is reached.</returns>
    public Entry? AdmitCall(T value, long now) => Add(value, now, pending: false);

    private Entry? Add(T value, long now, bool pending)
    {
        List<T>? evicted = null;
        Entry? entry = null;
        lock (_lock)
        {
            // The pending cap makes room only for another pending connection; the budget for any.
            while (_pending.First is { } oldest
                && ((pending && _pending.Count >= maxPending && now - oldest.Value.AcceptedAt >= evictAge) || Volatile.Read(ref _open) >= budget))
            {
                _pending.Remove(oldest);
                oldest.Value.Node = null;
                (evicted ??= []).Add(oldest.Value.Value);
                Release(oldest.Value);
            }

            if (Volatile.Read(ref _open) < budget)
            {
                Interlocked.Increment(ref _open);
                entry = new Entry(value, now);
                if (pending)
                {
                    entry.Node = _pending.AddLast(entry);
                }
            }
        }

        // They stopped counting when they were chosen; their descriptors are closed now, outside the lock.
        evicted?.ForEach(close);
        return entry;
    }

    /// <summary>The connection sent its environment block (or ended): it is a call now, never evicted.</summary>
    public void Identified(Entry entry)
    {
        lock (_lock)
        {
            if (entry.Node is { } node)
            {
                _pending.Remove(node);
                entry.Node = null;
            }
        }
    }

    /// <summary>Takes a pending connection out of the book: it no longer counts (it was handed over elsewhere, or closed).</summary>
    /// <returns>false when it was no longer pending: evicted (the caller's connection is being closed), or left already.</returns>
    public bool Leave(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            if (entry.Node is not { } node)
            {
                return false;
            }

            _pending.Remove(node);
            entry.Node = null;
        }

        Release(entry);
        return true;
    }

    /// <summary>The connection is closed and its handler done with it (a second call for the same entry does nothing).</summary>
    public void Ended(Entry entry)
    {
        Identified(entry);
        Release(entry);
    }

    /// <summary>Stops counting <paramref name="entry"/>, once (eviction and the end of its handler both release it).</summary>
    private void Release(Entry entry)
    {
        if (Interlocked.Exchange(ref entry.Released, 1) == 0 && Interlocked.Decrement(ref _open) == 0)
        {
            emptied?.Invoke();
        }
    }

    public sealed class Entry(T value, long acceptedAt)
    {
        internal int Released;

        public T Value { get; } = value;

        public long AcceptedAt { get; } = acceptedAt;

        /// <summary>Its place among the pending connections (under the book's lock), null once it is a call or evicted.</summary>
        internal LinkedListNode<Entry>? Node { get; set; }
    }
}
