using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrReadings.FastAgi;

/// <summary>One FastAGI call per TCP connection: checks the client, reads the environment block, routes by script
/// and runs the handler; the socket is closed when the handler is done.</summary>
internal sealed class FastAgiConnectionHandler : IDisposable
{
    private static readonly Func<ILogger, string, string, IDisposable?> CallScope =
        LoggerMessage.DefineScope<string, string>("CallId:{CallId} Channel:{Channel}");

    // Per server, not per connection: a flood of bad connections costs one line per burst.
    private readonly LogBurst _refusedLog = new(TimeSpan.FromSeconds(10));
    private readonly LogBurst _protocolErrorLog = new(TimeSpan.FromSeconds(10));
    private readonly LogBurst _incompleteLog = new(TimeSpan.FromSeconds(10));
    private readonly LogBurst _refusedCommandLog = new(TimeSpan.FromSeconds(10));
    private readonly LogBurst _unknownScriptLog = new(TimeSpan.FromSeconds(10));

    private readonly FastAgiOptions _options;
    private readonly FastAgiServer _server;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Type> _scripts;
    private readonly IReadOnlyList<IPNetwork> _allowed;
    private readonly CallSummaryLog _summaries;

    public FastAgiConnectionHandler(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _options = services.GetRequiredService<IOptions<FastAgiOptions>>().Value;
        _server = services.GetRequiredService<FastAgiServer>();
        _scopes = services.GetRequiredService<IServiceScopeFactory>();
        _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("IvrReadings.FastAgi");
        _allowed = _options.GetAllowedNetworks();
        _summaries = new CallSummaryLog(_logger);
        _scripts = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var registration in services.GetServices<AgiScriptRegistration>())
        {
            _scripts[registration.ScriptName.Trim('/')] = registration.HandlerType;
        }
    }

    /// <summary>Runs the call on <paramref name="accepted"/> and closes it.</summary>
    /// <param name="slot">The listener's entry for the connection: told once the environment block is in (the connection
    /// is a call from then on), when the connection failed, and when it is over. Without one, a failure is thrown.</param>
    /// <remarks>One async frame for the whole connection, the listener's bookkeeping included: it stays alive while the
    /// call is held, so every frame less is memory less with thousands of calls waiting.</remarks>
    public async Task HandleAsync(Socket accepted, AgiConnectionSlot? slot = null)
    {
        try
        {
            var socket = new AgiSocket(accepted, _options.MaxLineLength);
            if (!IsAllowed(socket))
            {
                if (_refusedLog.TryLog(out var refused))
                {
                    FastAgiLog.ClientRefused(_logger, socket.RemoteEndPoint, refused);
                }

                socket.Dispose(); // Asterisk's dialplan continues with AGISTATUS=FAILURE
                return;
            }

            AgiEnvironment? environment;
            try
            {
                environment = await ReadEnvironmentAsync(socket, _options.MaxLineLength, _options.EnvironmentTimeout).ConfigureAwait(false);
            }
            catch (AgiProtocolException ex)
            {
                if (_protocolErrorLog.TryLog(out var errors))
                {
                    FastAgiLog.ProtocolError(_logger, socket.RemoteEndPoint, ex.Message, errors);
                }

                socket.Dispose();
                return;
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                environment = null;
            }

            if (environment is null)
            {
                if (_incompleteLog.TryLog(out var incomplete))
                {
                    FastAgiLog.IncompleteEnvironment(_logger, socket.RemoteEndPoint, incomplete);
                }

                socket.Dispose();
                return;
            }

            slot?.Identified();
            socket.Shrink();
            var environmentRead = Stopwatch.GetTimestamp();

            var channel = new AgiChannel(environment, socket, _logger, _options.MaxLineLength, _options.CommandTimeout);
            // One async frame for the whole call (it stays alive while the call is held: fewer frames, less memory).
            // The call is named by the server's own id; Asterisk's unique id is only an attribute (in the call's summary line).
            using var scope = CallScope(_logger, channel.CallId, environment.Channel);
            var started = Stopwatch.GetTimestamp();
            _ = channel.StartReading(); // awaited through CloseAsync
            var scriptTag = "unknown";
            string outcome;
            try
            {
                if (!_scripts.TryGetValue(environment.Script, out var handlerType))
                {
                    if (_unknownScriptLog.TryLog(out var unknown))
                    {
                        FastAgiLog.UnknownScript(_logger, environment.Script, unknown);
                    }

                    outcome = "unknown_script";
                }
                else if (_server.IsStopping || !_server.TryEnterCall(_options.MaxConcurrentCalls))
                {
                    scriptTag = environment.Script;
                    FastAgiLog.Busy(_logger, _server.ActiveCalls, _options.MaxConcurrentCalls);
                    await PlayBusyAsync(channel).ConfigureAwait(false);
                    outcome = "busy";
                }
                else
                {
                    scriptTag = environment.Script;
                    FastAgiServer.ActiveCallsCounter.Add(1);
                    using var callAborted = new CancellationTokenSource();
                    try
                    {
                        FastAgiLog.CallStarted(_logger, environment.Script, environment.CallerId, environment.UniqueId);

                        // Time limit (the channel's timer) or end of shutdown grace: the handler is told (callAborted) and has
                        // ShutdownNotice to tell the caller; then the socket is closed, which also fails a command still in flight.
                        using var notice = new CallNotice(channel, _server, _options.ShutdownNotice, callAborted);
                        channel.SetCallTimeLimit(_options.CallTimeout, notice);
                        using var shutdown = _server.ShutdownGraceOver.Register(CallNotice.Abort, notice);
                        await using var services = _scopes.CreateAsyncScope();
                        var handler = (IAgiScriptHandler)services.ServiceProvider.GetRequiredService(handlerType);
                        await handler.HandleAsync(channel, callAborted.Token).ConfigureAwait(false);
                        // A script that ends the call with its own HANGUP completed it; "hangup" is the caller's doing.
                        outcome = callAborted.IsCancellationRequested ? Aborted() : channel.HungUpByCaller ? "hangup" : "completed";
                    }
                    catch (Exception ex)
                    {
                        outcome = Classify(ex, channel, callAborted.IsCancellationRequested);
                    }
                    finally
                    {
                        FastAgiServer.ActiveCallsCounter.Add(-1);
                        _server.ExitCall();
                    }
                }
            }
            finally
            {
                await channel.CloseAsync().ConfigureAwait(false);
            }

            FastAgiServer.CallsTotal.Add(1, new KeyValuePair<string, object?>("script", scriptTag), new KeyValuePair<string, object?>("outcome", outcome));
            if (channel.FirstCommandSentAt != 0)
            {
                FastAgiServer.CallSetup.Record(Stopwatch.GetElapsedTime(environmentRead, channel.FirstCommandSentAt).TotalSeconds,
                    new KeyValuePair<string, object?>("script", scriptTag));
            }
            _summaries.Add(new CallSummary(channel.CallId, environment.Channel, outcome, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                environment.Script, environment.CallerId, environment.UniqueId));
        }
        catch (Exception ex) when (slot is not null)
        {
            accepted.Dispose();
            slot.Failed(ex);
        }
        finally
        {
            slot?.Ended();
        }
    }

    /// <summary>Writes the summaries of the calls that have ended (the server's stop; a timer does it otherwise).</summary>
    public void WriteSummaries() => _summaries.Write();

    public void Dispose() => _summaries.Dispose();

    private string Classify(Exception exception, AgiChannel channel, bool callAborted)
    {
        if (callAborted)
        {
            return Aborted();
        }

        if (exception is TimeoutException && channel.CommandTimedOut)
        {
            return "timeout";
        }

        if (exception is OperationCanceledException && channel.IsHungUp)
        {
            return "hangup"; // an ordinary hang-up: not an error
        }

        if (exception is SocketException or IOException or ObjectDisposedException && channel.IsHungUp)
        {
            // A connection reset surfacing raw from a handler's own I/O: how calls end when Asterisk goes away.
            FastAgiLog.Disconnected(_logger, exception.Message);
            return "hangup";
        }

        if (exception is AgiCommandException { Command.Length: > 0 } refused)
        {
            // 510/520 to a command: the peer's answer, not the handler's failure (a real Asterisk gives it only for a
            // command it does not know, hostile peers at will). One warning without a stack trace per burst.
            if (_refusedCommandLog.TryLog(out var suppressed))
            {
                FastAgiLog.CommandRefused(_logger, refused.Command, refused.Response.ToString(), suppressed);
            }

            return "refused";
        }

        FastAgiLog.HandlerFailed(_logger, exception);
        return "error";
    }

    /// <summary>The call was ended by the server: the end of the shutdown grace, or the call time limit.</summary>
    private string Aborted()
    {
        if (_server.IsStopping)
        {
            return "shutdown";
        }

        FastAgiLog.CallTimedOut(_logger, _options.CallTimeout);
        return "timeout";
    }

    private async Task PlayBusyAsync(AgiChannel channel)
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.CommandTimeout);
            await channel.StreamFileAsync(_options.BusyPrompt, string.Empty, 0, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or AgiCommandException or TimeoutException)
        {
            // Nothing more to do for a refused call.
        }
    }

    private bool IsAllowed(AgiSocket socket)
    {
        if (_allowed.Count == 0)
        {
            return true;
        }

        if (socket.RemoteEndPoint is not IPEndPoint ip)
        {
            return false;
        }

        var address = ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address;
        foreach (var network in _allowed)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the environment block within <paramref name="timeout"/>: Asterisk sends the block at once; a silent
    /// client is a port scanner or a flood.</summary>
    /// <remarks>The deadline closes the socket (a timer, no cancellation token): a token's registration on the receive
    /// stays referenced by the socket's reusable receive operation, and with it the token source, for as long as the call
    /// is held.</remarks>
    /// <returns>The environment, or null when the client closed (or the deadline passed) before the block was complete.</returns>
    private static async Task<AgiEnvironment?> ReadEnvironmentAsync(AgiSocket socket, int maxLineLength, TimeSpan timeout)
    {
        using var deadline = new Timer(AgiSocket.EnvironmentTimedOut, socket, timeout, Timeout.InfiniteTimeSpan);
        while (socket.Received(await socket.ReceiveAsync(CancellationToken.None).ConfigureAwait(false)))
        {
            var buffered = socket.Buffered;
            var rest = buffered;
            if (AgiEnvironmentParser.TryParse(ref rest, maxLineLength, out var environment))
            {
                // Only the block is consumed: bytes after it (a HANGUP already) stay buffered for the read loop.
                socket.Consume(buffered.Length - rest.Length);
                return socket.EnvironmentReceived() ? environment : null;
            }
        }

        return null;
    }
}
