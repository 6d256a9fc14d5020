using System.Diagnostics;

namespace IvrReadings.FastAgi;

/// <summary>The command timeout of the reply in flight.</summary>
public sealed partial class AgiChannel
{
    // Command timeout: one timer per channel, armed lazily (see ArmTimeout). _deadline is the Stopwatch timestamp by
    // which the reply in flight must arrive (long.MaxValue: no limit); _timerDue is when the timer will tick
    // (long.MaxValue: not armed). Both written under _timerLock.
    private readonly Lock _timerLock = new();
    private ITimer? _timeoutTimer;
    private long _deadline = long.MaxValue;
    private long _timerDue = long.MaxValue;

    /// <summary>Sets the deadline of the command about to be sent (<see cref="Timeout.InfiniteTimeSpan"/>: none).</summary>
    private void SetDeadline(TimeSpan timeout)
    {
        lock (_timerLock)
        {
            _deadline = timeout == Timeout.InfiniteTimeSpan
                ? long.MaxValue
                : Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        }
    }

    /// <summary>Makes sure the timer ticks no later than <see cref="_deadline"/>.</summary>
    /// <remarks>Timer.Change takes the timer queue's lock, shared with every timer of the process (thousands when calls
    /// are held). A timer that already ticks before the new deadline is left alone: its tick sees the later deadline
    /// and re-arms for the rest. So the queue is touched about once per <c>CommandTimeout</c> per channel instead of
    /// twice per command.</remarks>
    private void ArmTimeout()
    {
        lock (_timerLock)
        {
            var deadline = _deadline;
            if (deadline == long.MaxValue || _timerDue <= deadline)
            {
                return;
            }

            _timerDue = deadline;
            var due = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            (_timeoutTimer ??= TimeProvider.System.CreateTimer(OnCommandTimer, this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan))
                .Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan); // already past: tick now
        }
    }

    private static void OnCommandTimer(object? state)
    {
        var channel = (AgiChannel)state!;
        lock (channel._timerLock)
        {
            channel._timerDue = long.MaxValue;
            if (Volatile.Read(ref channel._replyState) != Waiting || channel._deadline == long.MaxValue)
            {
                return; // idle, or a command without a limit: the next command with a limit arms the timer again
            }

            // A tick for an earlier command sees a later deadline. Timers also tick a little early (they run on a
            // coarser clock than Stopwatch): then wait for the rest.
            var remaining = channel._deadline - Stopwatch.GetTimestamp();
            if (remaining > 0)
            {
                channel._timerDue = channel._deadline;
                channel._timeoutTimer?.Change(TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency) + TimeSpan.FromMilliseconds(1),
                    Timeout.InfiniteTimeSpan);
                return;
            }
        }

        if (channel._sending)
        {
            // The command itself is not written yet: the peer stopped reading. Only closing the socket ends the write.
            channel._writeTimedOut = true;
            channel.Abort("write timeout");
            return;
        }

        channel.TryAbandon(ByTimeout);
    }
}
