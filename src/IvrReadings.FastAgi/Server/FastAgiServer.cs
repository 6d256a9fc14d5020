using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace IvrReadings.FastAgi;

/// <summary>Server-wide state shared by all FastAGI connections: call count, shutdown, listener status.</summary>
public sealed class FastAgiServer : IFastAgiStatus, IDisposable
{
    internal static readonly UpDownCounter<int> ActiveCallsCounter =
        IvrReadingsMeter.Instance.CreateUpDownCounter<int>("ivr_fastagi_active_calls", description: "FastAGI calls being handled now.");

    internal static readonly Counter<long> CallsTotal =
        IvrReadingsMeter.Instance.CreateCounter<long>("ivr_fastagi_calls_total", description: "FastAGI calls by script and outcome.");

    private readonly CancellationTokenSource _shutdown = new();
    private readonly List<ListenOptions> _listeners = [];
    private int _activeCalls;
    private volatile bool _started;
    private volatile bool _stopping;

    public bool Listening => _started && !_stopping && _listeners.Count > 0;

    public IPEndPoint? Endpoint
    {
        get
        {
            lock (_listeners)
            {
                // Kestrel writes the bound endpoint back into ListenOptions, so port 0 reads as the real port.
                return _listeners.Count == 0 ? null : _listeners[0].IPEndPoint;
            }
        }
    }

    public int ActiveCalls => Volatile.Read(ref _activeCalls);

    public bool IsStopping => _stopping;

    /// <summary>Cancelled when the shutdown grace is over: running calls are then aborted.</summary>
    public CancellationToken ShutdownGraceOver => _shutdown.Token;

    internal void Attach(ListenOptions listenOptions)
    {
        lock (_listeners)
        {
            _listeners.Add(listenOptions);
        }
    }

    internal void MarkStarted() => _started = true;

    /// <summary>Stops taking new calls and gives the running ones <paramref name="grace"/> before cancelling them.</summary>
    public void BeginShutdown(TimeSpan grace)
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        if (ActiveCalls == 0 || grace <= TimeSpan.Zero)
        {
            _shutdown.Cancel();
        }
        else
        {
            _shutdown.CancelAfter(grace);
        }
    }

    internal bool TryEnterCall(int max)
    {
        if (Interlocked.Increment(ref _activeCalls) > max)
        {
            Interlocked.Decrement(ref _activeCalls);
            return false;
        }

        return true;
    }

    internal void ExitCall() => Interlocked.Decrement(ref _activeCalls);

    public void Dispose() => _shutdown.Dispose();
}
