using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrReadings.FastAgi;

/// <summary>The FastAGI listening socket: accepts connections for as long as the host runs and drains the calls in
/// progress when it stops (<see cref="FastAgiOptions.ShutdownGrace"/>, then they are ended).</summary>
/// <remarks>
/// Connections are bounded twice. Those that have not sent their environment block yet (a port scanner, a flood of idle
/// connections) are at most <see cref="FastAgiOptions.MaxPendingConnections"/>, each for at most
/// <see cref="FastAgiOptions.EnvironmentTimeout"/>; a new connection past the cap closes the oldest of them. All
/// connections together stay within the process's descriptor limit minus <see cref="FastAgiOptions.ReservedDescriptors"/>
/// (<see cref="DescriptorBudget"/>); past it the oldest pending one makes room, and when every connection is a call the
/// new one is closed at once (Asterisk's dialplan then continues with AGISTATUS=FAILURE). The pending cap closes only
/// connections idle for a second or more, so a burst of real calls connecting in the same instant may exceed it (up to
/// the descriptor budget). Accept errors back off.
/// </remarks>
internal sealed class FastAgiListener : IHostedService, IDisposable
{
    /// <summary>Past the pending cap only connections this old are closed to make room: Asterisk sends its environment
    /// block within milliseconds, even in a burst of a thousand calls connecting at once.</summary>
    private static readonly long EvictAge = Stopwatch.Frequency;

    private readonly FastAgiServer _server;
    private readonly FastAgiOptions _options;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FastAgiConnectionHandler _handler;
    private readonly LogBurst _refusedLog = new(TimeSpan.FromSeconds(10));
    private Socket? _socket;
    private Task _acceptLoop = Task.CompletedTask;
    private ConnectionBook<Socket> _book = new(int.MaxValue, int.MaxValue, EvictAge, Close); // StartAsync sets the real one
    private volatile bool _stopping;

    public FastAgiListener(FastAgiServer server, IOptions<FastAgiOptions> options, IHostApplicationLifetime lifetime,
        IServiceProvider services, ILoggerFactory loggers)
    {
        _server = server;
        _options = options.Value;
        _lifetime = lifetime;
        _logger = loggers.CreateLogger("IvrReadings.FastAgi.Listener");
        _handler = new FastAgiConnectionHandler(services);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var endpoint = _options.GetListenEndPoint();
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6 && endpoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true; // [::]:4573 takes IPv4 Asterisk servers too
            }

            socket.Bind(endpoint);
            // 1,000 Asterisk channels may connect in the same second: the accept queue must hold them all.
            socket.Listen(_options.Backlog);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        var bound = (IPEndPoint)socket.LocalEndPoint!;
        _server.SetEndpoint(bound);
        FastAgiLog.Listening(_logger, bound, _options.Backlog);
        var (budget, limit) = DescriptorBudget.Compute(_options.ReservedDescriptors);
        _book = new ConnectionBook<Socket>(budget, _options.MaxPendingConnections, EvictAge, Close, Emptied);
        _server.SetConnections(_book);
        if (limit is { } descriptors)
        {
            FastAgiLog.ConnectionBudget(_logger, budget, descriptors, _options.ReservedDescriptors);
            if (budget < _options.MaxConcurrentCalls)
            {
                FastAgiLog.BudgetBelowMaxCalls(_logger, budget, _options.MaxConcurrentCalls);
            }
        }

        using (ExecutionContext.SuppressFlow())
        {
            // Calls must not inherit the host's start-up context (log scopes, activities).
            _acceptLoop = Task.Run(() => AcceptLoopAsync(socket), CancellationToken.None);
        }

        _lifetime.ApplicationStarted.Register(_server.MarkStarted);
        _lifetime.ApplicationStopping.Register(BeginStop);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting and lets the calls in progress run until the grace is over.</summary>
    private void BeginStop()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _server.BeginShutdown(_options.ShutdownGrace);
        _socket?.Dispose(); // ends the accept loop
        var open = _book.Open;
        if (open == 0)
        {
            _drained.TrySetResult();
        }
        else
        {
            FastAgiLog.Draining(_logger, open);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        BeginStop();
        await _acceptLoop.ConfigureAwait(false);
        // The grace timer ends the calls that outlive it; the host's own timeout bounds this wait.
        await _drained.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        _handler.WriteSummaries(); // the ended calls' summary lines, before the host's logging stops
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        var backoff = new AcceptBackoff();
        while (!_stopping)
        {
            Socket accepted;
            try
            {
                // The ValueTask overload: no Task per connection (garbage in a connect storm, between the calls it keeps).
                accepted = await listener.AcceptAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException || (ex is SocketException && _stopping))
            {
                break;
            }
            catch (SocketException ex)
            {
                // Out of file descriptors, typically: back off, one log line per burst.
                if (backoff.Failed(out var wait))
                {
                    FastAgiLog.AcceptFailed(_logger, ex.SocketErrorCode, ex.Message);
                }

                await Task.Delay(wait).ConfigureAwait(false);
                continue;
            }

            if (backoff.Succeeded(out var failures, out var failingMs))
            {
                FastAgiLog.AcceptRecovered(_logger, failures, failingMs);
            }

            accepted.NoDelay = true;
            if (Admit(accepted) is { } connection)
            {
                _ = _handler.HandleAsync(accepted, connection);
            }
        }
    }

    /// <summary>Makes room for <paramref name="accepted"/> (closing connections still without their environment block,
    /// oldest first, when a cap is reached) or closes it.</summary>
    /// <returns>Its connection, or null when it was refused.</returns>
    private Connection? Admit(Socket accepted)
    {
        var entry = _book.Admit(accepted, Stopwatch.GetTimestamp());
        if (entry is null)
        {
            if (_refusedLog.TryLog(out var suppressed))
            {
                FastAgiLog.ConnectionLimit(_logger, _book.Budget, suppressed);
            }

            accepted.Dispose();
            return null;
        }

        return new Connection(this, entry);
    }

    /// <summary>An evicted connection: its read of the environment block fails and its handler ends.</summary>
    private static void Close(Socket socket) => socket.Dispose();

    private void Emptied()
    {
        if (_stopping)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>One accepted connection, pending in the book until its environment block is in.</summary>
    private sealed class Connection(FastAgiListener listener, ConnectionBook<Socket>.Entry entry) : AgiConnectionSlot
    {
        public override void Identified() => listener._book.Identified(entry);

        public override void Failed(Exception exception) => FastAgiLog.ConnectionFailed(listener._logger, exception);

        public override void Ended() => listener._book.Ended(entry);
    }

    public void Dispose()
    {
        _socket?.Dispose();
        _handler.Dispose();
    }
}
