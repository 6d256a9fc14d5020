using System.Diagnostics.Metrics;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using IvrReadings.Telemetry;
using Microsoft.Extensions.Logging;

namespace IvrReadings.FastAgi;

/// <summary>The FastAGI session over one connection: a read loop that owns the socket's receive side (replies and
/// the unsolicited HANGUP line can arrive at any time) and a single-flight command sender.</summary>
/// <remarks>Not IDisposable on purpose: the semaphore never allocates a wait handle, and the hang-up token must stay
/// readable by handler code (and late callbacks) after the connection is gone.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "See remarks.")]
public sealed partial class AgiChannel : IAgiChannel
{
    private static readonly Histogram<double> CommandDuration = IvrReadingsMeter.Instance.CreateHistogram<double>(
        "ivr_fastagi_command_duration_seconds", "s", "Round trip of one AGI command, from write to reply.");

    private readonly AgiSocket _socket;
    private readonly int _maxLineLength;
    private readonly TimeSpan _commandTimeout;
    private readonly ILogger _logger;
    // The bytes of the command being sent: pooled while it is sent, nothing held while the call waits.
    private readonly AgiCommandBuffer _commandBytes = new();

    // One command in flight at a time: Asterisk answers pipelined commands off by one.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _hungUp = new();
    // The command in flight: Idle (none), Waiting (its reply is awaited), Abandoned (its caller gave up or it timed
    // out, but the reply is still owed: the gate stays closed until that reply arrives or the connection dies).
    private const int Idle = 0, Waiting = 1, Abandoned = 2;
    private const int NotAbandoned = 0, ByTimeout = 1, ByCancellation = 2;
    private int _replyState;
    private int _abandonedBy;
    private readonly AgiReplySource _reply = new();
    private int _isHungUp;
    private volatile bool _closed;
    // The server closed the connection itself (the handler returned: a hand-off to the dialplan, or the end).
    private volatile bool _closedByServer;
    // A command is being written: a command timeout now means the peer stopped reading (see OnCommandTimer).
    private volatile bool _sending;
    private volatile bool _writeTimedOut;
    private int _unsolicitedReplies;
    private int _hangupLines;
    private Task? _reader;

    /// <summary>Replies with no command waiting for them (or HANGUP lines) tolerated before the connection is closed:
    /// Asterisk sends none (and at most three HANGUP lines); a peer that floods them is no Asterisk.</summary>
    internal const int MaxUnsolicitedLines = 10;

    /// <summary>How long to wait for the HANGUP line after an ambiguous <c>-1</c> (Asterisk sends it ~40 ms later).</summary>
    internal static readonly TimeSpan HangupLineWait = TimeSpan.FromMilliseconds(500);

    /// <summary>Protocol errors mid-call, one line per burst across all calls.</summary>
    private static readonly LogBurst ProtocolErrorLog = new(TimeSpan.FromSeconds(10));

    /// <param name="socket">The connection, its environment block already read (bytes after it stay buffered).</param>
    internal AgiChannel(AgiEnvironment environment, AgiSocket socket, ILogger logger, int maxLineLength = 8192, TimeSpan? commandTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(logger);
        Environment = environment;
        _socket = socket;
        _logger = logger;
        _maxLineLength = maxLineLength;
        _commandTimeout = commandTimeout ?? TimeSpan.FromSeconds(60);
    }

    public AgiEnvironment Environment { get; }

    public System.Net.EndPoint? LocalEndPoint => _socket.LocalEndPoint;

    public string CallId { get; } = CallIds.New();

    /// <summary>When the call's first command went out (<see cref="Stopwatch"/> ticks), 0 before.</summary>
    internal long FirstCommandSentAt { get; private set; }

    public CancellationToken HungUp => _hungUp.Token;

    public bool IsHungUp => Volatile.Read(ref _isHungUp) != 0;

    /// <summary>Why the call ended (HANGUP line, 511, socket closed, ...), or null while it is up.</summary>
    public string? HangupReason { get; private set; }

    /// <summary>A command got no reply in time and the connection was torn down.</summary>
    public bool CommandTimedOut { get; private set; }

    /// <summary>Starts the read loop. Call once, after the environment block was read from the same socket.</summary>
    public Task StartReading() => _reader ??= ReadLoopAsync();

    /// <summary>Closes the connection (the server's own doing, not a hang-up) and waits for the read loop to end.</summary>
    public async Task CloseAsync()
    {
        _closedByServer = true;
        _closed = true;
        _socket.Dispose();
        if (_reader is not null)
        {
            await _reader.ConfigureAwait(false);
        }
    }

    /// <summary>Marks the call as over (fires <see cref="HungUp"/> once).</summary>
    /// <param name="byCaller">The caller (or Asterisk) ended it; false: the server did (a time limit, a hand-off, a fault).</param>
    public void MarkHungUp(string reason, bool byCaller = true)
    {
        if (Interlocked.Exchange(ref _isHungUp, 1) != 0)
        {
            return;
        }

        HangupReason = reason;
        if (byCaller)
        {
            FastAgiLog.HungUp(_logger, reason);
        }
        else
        {
            FastAgiLog.ClosedByServer(_logger, reason);
        }

        // Callbacks of the token run on the thread pool: a handler's callback must not stall the read loop.
        _ = _hungUp.CancelAsync();
    }

    /// <summary>Aborts the connection: the pending command (if any) fails with <see cref="CallHungUpException"/>.</summary>
    public void Abort(string reason)
    {
        MarkHungUp(reason, byCaller: false);
        _closed = true;
        _socket.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var reason = "socket closed";
        try
        {
            // Bytes that came with the environment block (a HANGUP already) are dispatched first.
            do
            {
                var buffered = _socket.Buffered;
                var rest = buffered;
                while (!_closed && AgiResponseParser.TryParse(ref rest, _maxLineLength, out var message))
                {
                    Dispatch(message);
                }

                _socket.Consume(buffered.Length - rest.Length);
            }
            while (!_closed && _socket.Received(await _socket.ReceiveAsync(CancellationToken.None).ConfigureAwait(false)));
        }
        catch (AgiProtocolException ex)
        {
            reason = "protocol error";
            if (ProtocolErrorLog.TryLog(out var suppressed))
            {
                FastAgiLog.ProtocolError(_logger, null, ex.Message, suppressed);
            }

            _socket.Dispose();
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            reason = "connection reset";
        }
        finally
        {
            _closed = true;
            if (_closedByServer)
            {
                MarkHungUp("closed by the server", byCaller: false); // the handler is done: a hand-off or the end, no hang-up
            }
            else
            {
                MarkHungUp(reason);
            }

            _timeoutTimer?.Dispose();
            switch (Interlocked.Exchange(ref _replyState, Idle))
            {
                case Waiting:
                    _reply.SetException(new CallHungUpException(_hungUp.Token));
                    break;
                case Abandoned:
                    _gate.Release(); // the owed reply will never come
                    break;
            }
        }
    }

    private void Dispatch(in AgiMessage message)
    {
        if (message.IsHangup)
        {
            MarkHungUp("HANGUP");
            if (++_hangupLines > MaxUnsolicitedLines)
            {
                Flooded();
            }

            return;
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            FastAgiLog.ResponseReceived(_logger, message.Response);
        }

        switch (Interlocked.Exchange(ref _replyState, Idle))
        {
            case Waiting:
                _reply.SetResult(message.Response);
                break;
            case Abandoned:
                _gate.Release(); // the late reply of a command nobody waits for any more: the next one may go
                break;
            default:
                // One line per connection, then the connection goes: a flood must neither fill the log nor keep a slot.
                if (++_unsolicitedReplies == 1)
                {
                    FastAgiLog.UnexpectedResponse(_logger, message.Response);
                }
                else if (_unsolicitedReplies > MaxUnsolicitedLines)
                {
                    Flooded();
                }

                break;
        }
    }

    private void Flooded()
    {
        FastAgiLog.Flooded(_logger, _unsolicitedReplies, _hangupLines);
        Abort("unsolicited lines");
    }

    /// <summary>Gives up waiting for the reply in flight (it stays owed); false if it already arrived.</summary>
    private bool TryAbandon(int reason)
    {
        if (Interlocked.CompareExchange(ref _replyState, Abandoned, Waiting) != Waiting)
        {
            return false;
        }

        Volatile.Write(ref _abandonedBy, reason);
        _reply.SetException(new OperationCanceledException());
        return true;
    }

    /// <summary>Sends one command and waits for its reply.</summary>
    /// <param name="allowedWhenDead">Asterisk still runs this command after a hang-up (NOOP, VERBOSE, variables, EXEC).</param>
    /// <param name="expectedDuration">How long the command may legitimately run (added to the command timeout).</param>
    /// <remarks>A pooled ValueTask builder: the state machine of this (large) method is reused instead of allocated
    /// for every command. Every caller awaits it exactly once.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<AgiResponse> SendAsync(AgiCommand command, bool allowedWhenDead, TimeSpan expectedDuration, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        ThrowIfUnusable(allowedWhenDead);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        var releaseGate = true;
        var started = Stopwatch.GetTimestamp();
        try
        {
            ThrowIfUnusable(allowedWhenDead);
            // Continuations run inline on the read loop: the handler's next command is written without a thread hop.
            // (A handler that blocks only stalls its own call's reading; it never owns the pipe reader.)
            var timeout = expectedDuration == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : _commandTimeout + expectedDuration;
            SetDeadline(timeout); // before Waiting: a tick of a timer armed by an earlier command must see it

            var reply = _reply.Reset();
            Volatile.Write(ref _abandonedBy, NotAbandoned);
            // Until the command is written whole, a timeout closes the connection (OnCommandTimer): a write cannot be
            // abandoned half-way, and a peer that stops reading never lets it finish.
            _sending = true;
            Volatile.Write(ref _replyState, Waiting);
            if (_closed && Interlocked.CompareExchange(ref _replyState, Idle, Waiting) == Waiting)
            {
                _sending = false;
                throw Hung();
            }

            AgiResponse response;
            try
            {
                // Not cancellable by the caller: a command is either written whole or the connection is broken.
                try
                {
                    if (_logger.IsEnabled(LogLevel.Debug))
                    {
                        FastAgiLog.CommandSent(_logger, command.ToString());
                    }

                    // No per-command timer or WaitAsync: one timer per channel, armed lazily, and a registration on the
                    // token. Armed before the write, so the timeout also ends a write the peer does not take.
                    ArmTimeout();
                    command.Write(_commandBytes);
                    await _socket.SendAsync(_commandBytes.Written, CancellationToken.None).ConfigureAwait(false);
                    if (FirstCommandSentAt == 0)
                    {
                        FirstCommandSentAt = Stopwatch.GetTimestamp();
                    }
                }
                finally
                {
                    _sending = false;
                    _commandBytes.Release();
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
            {
                Interlocked.CompareExchange(ref _replyState, Idle, Waiting);
                if (_writeTimedOut)
                {
                    CommandTimedOut = true;
                    FastAgiLog.WriteTimedOut(_logger, command.Name, (long)timeout.TotalMilliseconds);
                    throw new TimeoutException($"AGI command {command.Name} could not be written within {timeout}: the peer stopped reading.");
                }

                // A reset while writing is how a connection ends when Asterisk (or the caller's channel) goes away.
                MarkHungUp("connection reset");
                throw new CallHungUpException("The connection is closed.", ex);
            }

            var registration = ct.CanBeCanceled
                ? ct.UnsafeRegister(static state => ((AgiChannel)state!).TryAbandon(ByCancellation), this)
                : default;
            try
            {
                response = await reply.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (Volatile.Read(ref _abandonedBy) != NotAbandoned)
            {
                // The gate stays closed until the owed reply arrives (or the connection dies): the next command
                // must never take this reply for its own.
                releaseGate = false;
                if (Volatile.Read(ref _abandonedBy) == ByTimeout)
                {
                    CommandTimedOut = true;
                    FastAgiLog.CommandTimedOut(_logger, command.Name, (long)timeout.TotalMilliseconds);
                    Abort("command timeout");
                    throw new TimeoutException($"AGI command {command.Name} got no reply within {timeout}.");
                }

                if (IsHungUp)
                {
                    throw Hung();
                }

                throw new OperationCanceledException(ct);
            }
            finally
            {
                // The timer is not disarmed: its next tick finds no command waiting (or a later deadline).
                await registration.DisposeAsync().ConfigureAwait(false);
            }

            if (response.Code == 511)
            {
                MarkHungUp("511 dead channel");
                throw Hung();
            }

            if (response.Code != 200)
            {
                throw new AgiCommandException(command.ToString(), response);
            }

            return response;
        }
        finally
        {
            if (releaseGate)
            {
                _gate.Release();
            }

            CommandDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("command", command.Name));
        }
    }

    private void ThrowIfUnusable(bool allowedWhenDead)
    {
        if (_closed || (!allowedWhenDead && IsHungUp))
        {
            throw Hung();
        }
    }

    private CallHungUpException Hung() => new(_hungUp.Token);

    private CallHungUpException HungUpBy(string reason)
    {
        MarkHungUp(reason);
        return Hung();
    }
}
