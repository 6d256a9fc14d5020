using System.Diagnostics;

namespace IvrReadings.FastAgi;

/// <summary>The channel's one timer: the command timeout of the reply in flight and the call's time limit.</summary>
/// <remarks>One timer per call for both, instead of a second timer (and a linked token source with its registration)
/// for the time limit: with thousands of calls waiting each of those objects counts.</remarks>
public sealed partial class AgiChannel
{
    // Timers tick on a coarse clock; a due time past this is reached by re-arming on the way.
    private static readonly TimeSpan MaxTimerDue = TimeSpan.FromDays(1);

    // _deadline is the Stopwatch timestamp by which the reply in flight must arrive (long.MaxValue: no limit);
    // _callDeadline when the call's time limit is reached (long.MaxValue: none, or already reached); _timerDue when the
    // timer will tick (long.MaxValue: not armed). All written under _timerLock. The timer is created on first use.
    private readonly Lock _timerLock = new();
    private ITimer? _timeoutTimer;
    private long _deadline = long.MaxValue;
    private long _callDeadline = long.MaxValue;
    private long _timerDue = long.MaxValue;
    private CallNotice? _callLimit;

    /// <summary>Sets the call's time limit: when it is reached, <paramref name="reached"/> aborts the call.</summary>
    /// <param name="limit">From now; <see cref="Timeout.InfiniteTimeSpan"/> (or any negative value): none.</param>
    internal void SetCallTimeLimit(TimeSpan limit, CallNotice reached)
    {
        lock (_timerLock)
        {
            _callLimit = reached;
            _callDeadline = DeadlineAfter(limit);
            ArmTimer(_callDeadline);
        }
    }

    /// <summary>Sets the deadline of the command about to be sent (<see cref="Timeout.InfiniteTimeSpan"/>: none).</summary>
    private void SetDeadline(TimeSpan timeout)
    {
        lock (_timerLock)
        {
            _deadline = DeadlineAfter(timeout);
        }
    }

    private static long DeadlineAfter(TimeSpan timeout) =>
        timeout < TimeSpan.Zero || timeout > TimeSpan.FromDays(365)
            ? long.MaxValue
            : Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Makes sure the timer ticks no later than <see cref="_deadline"/>.</summary>
    /// <remarks>Timer.Change takes the timer queue's lock, shared with every timer of the process (thousands when calls
    /// are held). A timer that already ticks before the new deadline is left alone: its tick sees the later deadline
    /// and re-arms for the rest. So the queue is touched about once per <c>CommandTimeout</c> per channel instead of
    /// twice per command.</remarks>
    private void ArmTimeout()
    {
        lock (_timerLock)
        {
            ArmTimer(_deadline);
        }
    }

    /// <summary>Under the lock: the timer ticks no later than <paramref name="deadline"/>.</summary>
    private void ArmTimer(long deadline)
    {
        if (deadline == long.MaxValue || _timerDue <= deadline)
        {
            return;
        }

        _timerDue = deadline;
        var due = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
        // Created with the caller's execution context (the call's log scope): the time limit's lines carry it.
        (_timeoutTimer ??= TimeProvider.System.CreateTimer(OnTimer, this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan))
            .Change(due <= TimeSpan.Zero ? TimeSpan.Zero : due < MaxTimerDue ? due : MaxTimerDue, Timeout.InfiniteTimeSpan); // already past: tick now
    }

    /// <summary>The call is over: the timer goes (the time limit can no longer fire).</summary>
    private void StopTimer()
    {
        lock (_timerLock)
        {
            _callDeadline = long.MaxValue;
            _callLimit = null;
            _timeoutTimer?.Dispose();
        }
    }

    private static void OnTimer(object? state)
    {
        var channel = (AgiChannel)state!;
        CallNotice? callOver = null;
        var commandOver = false;
        lock (channel._timerLock)
        {
            channel._timerDue = long.MaxValue;
            var now = Stopwatch.GetTimestamp();
            if (now >= channel._callDeadline)
            {
                callOver = channel._callLimit;
                channel._callDeadline = long.MaxValue;
            }

            // A tick for an earlier command sees a later deadline. Timers also tick a little early (they run on a
            // coarser clock than Stopwatch): then wait for the rest. Idle, or a command without a limit: the next
            // command with a limit arms the timer again.
            var waiting = Volatile.Read(ref channel._replyState) == Waiting && channel._deadline != long.MaxValue;
            commandOver = waiting && now >= channel._deadline;
            var next = Math.Min(channel._callDeadline, waiting && !commandOver ? channel._deadline : long.MaxValue);
            if (next != long.MaxValue)
            {
                channel._timerDue = next;
                var due = TimeSpan.FromSeconds((double)(next - now) / Stopwatch.Frequency) + TimeSpan.FromMilliseconds(1);
                channel._timeoutTimer?.Change(due < MaxTimerDue ? due : MaxTimerDue, Timeout.InfiniteTimeSpan);
            }
        }

        callOver?.Abort();
        if (!commandOver)
        {
            return;
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
