using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
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
    private ConnectionBook<Socket>? _connections;
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

    /// <summary>The listener's count of connections against the descriptor budget (set when it starts).</summary>
    internal void SetConnections(ConnectionBook<Socket> connections) => Volatile.Write(ref _connections, connections);

    /// <summary>
    /// Counts a connection a call holds besides its FastAGI one (a voice answer's audio stream) among the FastAGI
    /// connections, within the same descriptor budget: like a call, it is never closed to make room, and at the budget
    /// the oldest connection still without its environment block is closed for it.
    /// </summary>
    /// <param name="connection">The call's other connection.</param>
    /// <returns>Dispose it once <paramref name="connection"/> is closed; null when every connection is a call and the
    /// budget is reached (close <paramref name="connection"/>). Without a listener there is no budget to count against.</returns>
    public IDisposable? TryTakeDescriptor(Socket connection)
    {
        if (Volatile.Read(ref _connections) is not { } book)
        {
            return NoLease.Instance;
        }

        var entry = book.AdmitCall(connection, Stopwatch.GetTimestamp());
        return entry is null ? null : new Lease(book, entry);
    }

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

    private sealed class Lease(ConnectionBook<Socket> book, ConnectionBook<Socket>.Entry entry) : IDisposable
    {
        public void Dispose() => book.Ended(entry);
    }

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose()
        {
        }
    }
}
