using System.Collections;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace IvrReadings.FastAgi;

/// <summary>
/// The one Information line a call writes, its summary ("Call ended: ..."), written off the socket thread: the call's
/// end queues its figures, and a timer writes whatever is queued, in order, at most <see cref="Interval"/> later (the
/// server's stop writes the rest). Through Serilog a line costs ~9 µs on the socket thread, and more in what it evicts
/// from the caches the next call's network work needs; written in a batch, the logging pipeline stays warm and the
/// socket thread keeps to the protocol (docs/benchmarks.md, "CPU per call").
/// </summary>
/// <remarks>The line is written outside the call's log scope, so it carries the call's <c>CallId</c> and
/// <c>Channel</c> itself, as the scope gives them to every other line of the call.</remarks>
internal sealed class CallSummaryLog : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private static readonly EventId CallEnded = new(2, nameof(CallEnded));

    private readonly ILogger _logger;
    private readonly Queue<CallSummary> _queue = new();
    private readonly Lock _queueLock = new();
    private readonly Lock _writeLock = new();
    private readonly Timer _timer;
    private bool _armed;
    private bool _disposed;

    public CallSummaryLog(ILogger logger)
    {
        _logger = logger;
        // The timer must not capture a call's execution context (its log scope) when it is made.
        using (ExecutionContext.SuppressFlow())
        {
            _timer = new Timer(static log => ((CallSummaryLog)log!).Write(), this, Timeout.Infinite, Timeout.Infinite);
        }
    }

    /// <summary>Queues the summary of a call that has ended.</summary>
    public void Add(in CallSummary summary)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        lock (_queueLock)
        {
            _queue.Enqueue(summary);
            if (_armed)
            {
                return;
            }

            _armed = true;
            if (!_disposed)
            {
                _timer.Change(Interval, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        Write(); // a call that outlived the server's stop: at once
    }

    /// <summary>Writes every queued summary now, oldest first.</summary>
    public void Write()
    {
        lock (_writeLock)
        {
            while (true)
            {
                CallSummary summary;
                lock (_queueLock)
                {
                    if (!_queue.TryDequeue(out summary))
                    {
                        _armed = false;
                        return;
                    }
                }

                _logger.Log(LogLevel.Information, CallEnded, summary, null, CallSummary.Format);
            }
        }
    }

    public void Dispose()
    {
        lock (_queueLock)
        {
            _disposed = true;
            _timer.Dispose();
        }

        Write();
    }
}

/// <summary>The figures of a call's summary line, as the logging providers see them: the message's own properties,
/// and the call's <c>CallId</c> and <c>Channel</c> as its log scope gives them to the call's other lines.</summary>
internal readonly struct CallSummary(string callId, string channel, string outcome, long durationMs, string script, string callerId,
    string asteriskUniqueId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string Template = "Call ended: {Outcome} after {DurationMs} ms; script {Script}, caller {CallerId}, Asterisk id {AsteriskUniqueId}";

    public static readonly Func<CallSummary, Exception?, string> Format = static (summary, _) => summary.ToString();

    public int Count => 8;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("Outcome", outcome),
        1 => new("DurationMs", durationMs),
        2 => new("Script", script),
        3 => new("CallerId", callerId),
        4 => new("AsteriskUniqueId", asteriskUniqueId),
        5 => new("CallId", callId),
        6 => new("Channel", channel),
        7 => new("{OriginalFormat}", Template),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Enumerate(this);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static IEnumerator<KeyValuePair<string, object?>> Enumerate(CallSummary summary)
    {
        for (var i = 0; i < summary.Count; i++)
        {
            yield return summary[i];
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Call ended: {outcome} after {durationMs} ms; script {script}, caller {callerId}, Asterisk id {asteriskUniqueId}");
}
