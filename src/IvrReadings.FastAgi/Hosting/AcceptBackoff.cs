using System.Diagnostics;

namespace IvrReadings.FastAgi;

/// <summary>
/// How a listener goes on after a failed accept (out of file descriptors, typically): it waits 10 ms, doubling to 1 s,
/// instead of retrying at once, and logs once when the failures start and once when accepts work again.
/// Used by the FastAGI listener and the AudioSocket listener.
/// </summary>
public sealed class AcceptBackoff
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(1);

    private TimeSpan _delay = TimeSpan.Zero;
    private int _failures;
    private long _failingSince;

    /// <summary>After a failed accept: true for the first failure of a burst (log it); <paramref name="wait"/> is how
    /// long to wait before the next accept.</summary>
    public bool Failed(out TimeSpan wait)
    {
        var first = _failures++ == 0;
        if (first) _failingSince = Stopwatch.GetTimestamp();
        _delay = _delay == TimeSpan.Zero ? First : TimeSpan.FromTicks(Math.Min(_delay.Ticks * 2, Max.Ticks));
        wait = _delay;
        return first;
    }

    /// <summary>After an accept that worked: true when it ends a burst of failures (log how many and how long).</summary>
    public bool Succeeded(out int failures, out long failingMs)
    {
        failures = _failures;
        failingMs = failures > 0 ? (long)Stopwatch.GetElapsedTime(_failingSince).TotalMilliseconds : 0;
        _failures = 0;
        _delay = TimeSpan.Zero;
        return failures > 0;
    }
}
