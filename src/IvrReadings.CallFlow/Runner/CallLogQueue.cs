using System.Diagnostics.Metrics;
using System.Threading.Channels;
using IvrReadings.Domain;
using IvrReadings.FastAgi;
using IvrReadings.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrReadings.CallFlow.Runner;

/// <summary>
/// The call log, written off the caller's path: the flows hand their entries (call start, timeline events, account,
/// end) to a bounded queue and go on at once; one writer stores them in batches, in order. A database that is slow or
/// gone never delays a prompt: when the queue is full, entries are dropped and counted
/// (<c>ivr_call_log_dropped_total</c>) instead. Readings are not journaled here: they are stored before the caller
/// hears "accepted", on the caller's path, with its deadline.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue: entries wait in it for the database writer.")]
public sealed partial class CallLogQueue : IHostedService, IAsyncDisposable
{
    private const int MaxBatch = 256;
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];

    private static readonly Counter<long> DroppedCounter = IvrReadingsMeter.Instance.CreateCounter<long>(
        "ivr_call_log_dropped_total", "{entry}", "Call log entries (call starts and ends, timeline events) dropped: the queue was full or the database refused them.");

    private readonly ICallLog _callLog;
    private readonly ILogger<CallLogQueue> _logger;
    private readonly Channel<CallLogEntry> _queue;
    private readonly Task _writer;
    // On stop each batch still gets one try, but a failing database is not waited for: the process must exit.
    private readonly CancellationTokenSource _noRetry = new();
    private long _enqueued;
    private long _handled;
    private long _dropped;
    private long _droppedInOutage;
    private int _fullReported;
    private bool _failing;

    public CallLogQueue(ICallLog callLog, IOptions<CallFlowOptions> options, ILogger<CallLogQueue> logger)
    {
        ArgumentNullException.ThrowIfNull(callLog);
        ArgumentNullException.ThrowIfNull(options);
        _callLog = callLog;
        _logger = logger;
        _queue = Channel.CreateBounded<CallLogEntry>(new BoundedChannelOptions(Math.Max(16, options.Value.CallLogQueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: false when full, so the drop is counted
        });
        using (ExecutionContext.SuppressFlow())
        {
            _writer = Task.Run(WriteLoopAsync);
        }
    }

    /// <summary>Entries dropped since start (queue full, or refused by the database after retries).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues <paramref name="entry"/>; never waits. A full queue drops it (counted).</summary>
    public void Enqueue(CallLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Interlocked.Increment(ref _enqueued);
        if (!_queue.Writer.TryWrite(entry))
        {
            Drop(1);
            Interlocked.Increment(ref _handled);
            if (Interlocked.Exchange(ref _fullReported, 1) == 0)
            {
                LogQueueFull();
            }
        }
    }

    /// <summary>Waits until every entry queued before the call is written or dropped.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _enqueued);
        while (Interlocked.Read(ref _handled) < target && !_writer.IsCompleted)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>On stop (after the FastAGI listener has drained its calls): what is queued is written, within the host's timeout.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _noRetry.CancelAsync().ConfigureAwait(false);
        try
        {
            await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogAbandoned(Interlocked.Read(ref _enqueued) - Interlocked.Read(ref _handled));
        }
    }

    /// <summary>Idempotent (the container holds it both as itself and as a hosted service). The token source is not
    /// disposed: it has no timer or wait handle to release.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _noRetry.CancelAsync().ConfigureAwait(false);
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<CallLogEntry>(MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            await WriteAsync(batch).ConfigureAwait(false);
            Interlocked.Add(ref _handled, batch.Count);
            if (reader.Count == 0)
            {
                Volatile.Write(ref _fullReported, 0); // the next overflow is a new burst: one line for it
            }
        }
    }

    private async Task WriteAsync(List<CallLogEntry> batch)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _callLog.WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
                Recovered();
                return;
            }
            catch (StorageUnavailableException ex)
            {
                if (!_failing)
                {
                    _failing = true;
                    LogOutage(ex, ex.Message);
                }

                if (attempt == RetryDelays.Length || _noRetry.IsCancellationRequested)
                {
                    Drop(batch.Count);
                    return;
                }

                try
                {
                    await Task.Delay(RetryDelays[attempt], _noRetry.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Drop(batch.Count);
                    return;
                }
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or KeyNotFoundException)
            {
                // One bad entry (a caller bug) must not take its neighbours down: they go one by one.
                await WriteOneByOneAsync(batch).ConfigureAwait(false);
                return;
            }
        }
    }

    private async Task WriteOneByOneAsync(List<CallLogEntry> batch)
    {
        foreach (var entry in batch)
        {
            try
            {
                await _callLog.WriteAsync([entry], CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is StorageUnavailableException or ArgumentException or InvalidOperationException or KeyNotFoundException)
            {
                LogRefused(ex, entry.CallId);
                Drop(1);
            }
        }
    }

    private void Drop(int count)
    {
        Interlocked.Add(ref _dropped, count);
        Interlocked.Add(ref _droppedInOutage, count);
        DroppedCounter.Add(count);
    }

    private void Recovered()
    {
        if (!_failing)
        {
            return;
        }

        _failing = false;
        LogRecovered(Interlocked.Exchange(ref _droppedInOutage, 0));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The call log cannot be written ({Reason}); calls go on, entries wait in a bounded queue and are dropped when it is full")]
    private partial void LogOutage(Exception exception, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shut down with {Pending} call log entries not written")]
    private partial void LogAbandoned(long pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The call log queue is full: entries are dropped until it drains (see ivr_call_log_dropped_total)")]
    private partial void LogQueueFull();

    [LoggerMessage(Level = LogLevel.Information, Message = "The call log is written again; {Dropped} entries were dropped meanwhile")]
    private partial void LogRecovered(long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: a call log entry was refused and dropped")]
    private partial void LogRefused(Exception exception, string callId);
}
