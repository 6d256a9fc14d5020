using System.Diagnostics;

namespace IvrReadings.FastAgi;

/// <summary>
/// One log line per burst: the first event of a quiet spell is logged, the rest of the next <c>interval</c> only counted,
/// and the count goes with the next line logged. A peer that opens thousands of connections, or sends thousands of bad
/// lines, costs a handful of log lines instead of thousands.
/// </summary>
public sealed class LogBurst(TimeSpan interval)
{
    private readonly long _interval = (long)(interval.TotalSeconds * Stopwatch.Frequency);
    private long _next;
    private long _suppressed;

    /// <summary>True when this event is to be logged; <paramref name="suppressed"/> is how many were not since the last.</summary>
    public bool TryLog(out long suppressed)
    {
        var now = Stopwatch.GetTimestamp();
        var next = Volatile.Read(ref _next);
        if (now >= next && Interlocked.CompareExchange(ref _next, now + _interval, next) == next)
        {
            suppressed = Interlocked.Exchange(ref _suppressed, 0);
            return true;
        }

        Interlocked.Increment(ref _suppressed);
        suppressed = 0;
        return false;
    }
}
