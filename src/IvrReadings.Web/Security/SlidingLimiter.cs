using System.Collections.Concurrent;

namespace IvrReadings.Web.Security;

/// <summary>
/// At most <c>permits</c> attempts per key in any <c>window</c> (a sliding log: each key keeps the times of its last
/// <c>permits</c> attempts). Nothing runs between attempts: an attempt compares its time with the oldest one kept, and
/// keys whose attempts have all left the window are swept out when the table has grown, not by a timer. ASP.NET Core's
/// partitioned limiter ticks every 100 ms for as long as the process lives, whether anyone signs in or not
/// (docs/benchmarks-history.md).
/// </summary>
public sealed class SlidingLimiter
{
    private const int SweepAbove = 1024;

    private readonly ConcurrentDictionary<string, Log> _keys = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly int _permits;
    private readonly long _window;
    private int _sweepAt = SweepAbove;

    public SlidingLimiter(int permits, TimeSpan window, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _permits = Math.Max(1, permits);
        _time = time;
        _window = (long)(window.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Keys held now (those with an attempt inside the window, and any not yet swept).</summary>
    public int Count => _keys.Count;

    /// <summary>Counts an attempt for <paramref name="key"/> and says whether it is within the limit. A refused attempt is not counted.</summary>
    public bool TryAcquire(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _time.GetTimestamp();
        if (_keys.Count >= Volatile.Read(ref _sweepAt)) Sweep(now);
        while (true)
        {
            // A log swept out between the look-up and the attempt takes no attempts: the attempt goes to its successor.
            var added = _keys.GetOrAdd(key, static (_, permits) => new Log(permits), _permits).TryAdd(now, _window);
            if (added is { } result) return result;
        }
    }

    /// <summary>Drops the keys whose last attempt has left the window; the next sweep waits until the table doubles.</summary>
    private void Sweep(long now)
    {
        foreach (var (key, log) in _keys)
        {
            if (log.TryRetire(now, _window)) _keys.TryRemove(new KeyValuePair<string, Log>(key, log));
        }

        Volatile.Write(ref _sweepAt, Math.Max(SweepAbove, _keys.Count * 2));
    }

    private sealed class Log(int permits)
    {
        private readonly long[] _times = new long[permits];
        private int _count;
        private int _oldest;
        private bool _retired;

        /// <summary>Whether the attempt is within the limit; null when this log was swept out (look the key up again).</summary>
        public bool? TryAdd(long now, long window)
        {
            lock (_times)
            {
                if (_retired) return null;
                if (_count < _times.Length)
                {
                    _times[(_oldest + _count++) % _times.Length] = now;
                    return true;
                }

                // Full: the oldest of the last 'permits' attempts must have left the window for one more.
                if (now - _times[_oldest] < window) return false;
                _times[_oldest] = now;
                _oldest = (_oldest + 1) % _times.Length;
                return true;
            }
        }

        /// <summary>Retires the log when its last attempt has left the window: it takes no more attempts.</summary>
        public bool TryRetire(long now, long window)
        {
            lock (_times)
            {
                _retired = _count == 0 || now - _times[(_oldest + _count - 1) % _times.Length] >= window;
                return _retired;
            }
        }
    }
}
