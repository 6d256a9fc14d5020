using System.Diagnostics.Metrics;
using System.Net;
using IvrReadings.Telemetry;

namespace IvrReadings.FastAgi;

/// <summary>Server-wide state shared by all FastAGI connections: call count, shutdown, listener status.</summary>
public sealed class FastAgiServer : IFastAgiStatus, IDisposable
{
    internal static readonly UpDownCounter<int> ActiveCallsCounter =
        IvrReadingsMeter.Instance.CreateUpDownCounter<int>("ivr_fastagi_active_calls", description: "FastAGI calls being handled now.");

    internal static readonly Counter<long> CallsTotal =
        IvrReadingsMeter.Instance.CreateCounter<long>("ivr_fastagi_calls_total", description: "FastAGI calls by script and outcome.");

    /// <summary>The server's own share of a caller's wait for the first prompt: from the environment block received to
    /// the first command written (routing, the handler's start, waiting for the socket thread). Until the block is
    /// complete the server can do nothing; that part is Asterisk's and the network's. Recorded when the call ends.</summary>
    internal static readonly Histogram<double> CallSetup = IvrReadingsMeter.Instance.CreateHistogram(
        "ivr_fastagi_call_setup_seconds", "s", "From a FastAGI call's environment block received to its first command written.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });

    private readonly CancellationTokenSource _shutdown = new();
    private IPEndPoint? _endpoint;
    private int _activeCalls;
    private volatile bool _started;
    private volatile bool _stopping;

    public bool Listening => _started && !_stopping && _endpoint is not null;

    /// <summary>The bound address (port 0 in the settings reads as the real port once started).</summary>
    public IPEndPoint? Endpoint => Volatile.Read(ref _endpoint);

    public int ActiveCalls => Volatile.Read(ref _activeCalls);

    public bool IsStopping => _stopping;

    /// <summary>Cancelled when the shutdown grace is over: running calls are then aborted.</summary>
    public CancellationToken ShutdownGraceOver => _shutdown.Token;

    internal void SetEndpoint(IPEndPoint endpoint) => Volatile.Write(ref _endpoint, endpoint);

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
