using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrReadings.FastAgi;

/// <summary>The FastAGI listening socket: accepts connections for as long as the host runs and drains the calls in
/// progress when it stops (<see cref="FastAgiOptions.ShutdownGrace"/>, then they are ended).</summary>
internal sealed class FastAgiListener : IHostedService, IDisposable
{
    private readonly FastAgiServer _server;
    private readonly FastAgiOptions _options;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FastAgiConnectionHandler _handler;
    private Socket? _socket;
    private Task _acceptLoop = Task.CompletedTask;
    private int _connections;
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
        var open = Volatile.Read(ref _connections);
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
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping)
        {
            Socket accepted;
            try
            {
                accepted = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException || (ex is SocketException && _stopping))
            {
                break;
            }
            catch (SocketException ex)
            {
                // Out of file descriptors, typically: wait a little instead of spinning.
                FastAgiLog.AcceptFailed(_logger, ex);
                await Task.Delay(100).ConfigureAwait(false);
                continue;
            }

            accepted.NoDelay = true;
            Interlocked.Increment(ref _connections);
            _ = RunConnectionAsync(accepted);
        }
    }

    private async Task RunConnectionAsync(Socket accepted)
    {
        try
        {
            await _handler.HandleAsync(accepted).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            FastAgiLog.ConnectionFailed(_logger, ex);
            accepted.Dispose();
        }
        finally
        {
            if (Interlocked.Decrement(ref _connections) == 0 && _stopping)
            {
                _drained.TrySetResult();
            }
        }
    }

    public void Dispose() => _socket?.Dispose();
}
