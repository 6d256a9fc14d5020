using System.Diagnostics.Metrics;
using System.Diagnostics;
using System.Net.Sockets;
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
    private const int ByTimeout = 1, ByCancellation = 2;
    private int _replyState;
    private readonly AgiReplySource _reply;
    private int _isHungUp;
    private volatile bool _closed;
    // The server closed the connection itself (the handler returned: a hand-off to the dialplan, or the end).
    private volatile bool _closedByServer;
    // A command is being written: a command timeout now means the peer stopped reading (see OnTimer).
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
        _reply = new AgiReplySource(_gate);
    }

    public AgiEnvironment Environment { get; }

    public System.Net.EndPoint? LocalEndPoint => _socket.LocalEndPoint;

    public string CallId { get; } = CallIds.New();

    /// <summary>When the call's first command went out (<see cref="Stopwatch"/> ticks), 0 before.</summary>
    internal long FirstCommandSentAt { get; private set; }

    public CancellationToken HungUp => _hungUp.Token;

    public bool IsHungUp => Volatile.Read(ref _isHungUp) != 0;

    /// <summary>The caller (or Asterisk) ended the call; false while it is up and when the server ended it (its own
    /// HANGUP, a time limit, a fault).</summary>
    public bool HungUpByCaller { get; private set; }

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

        StopTimer();
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
        HungUpByCaller = byCaller;
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

            lock (_timerLock)
            {
                if (_callDeadline == long.MaxValue)
                {
                    _timeoutTimer?.Dispose(); // else the call's time limit still runs: the handler may not be done
                }
            }

            Interlocked.MemoryBarrier(); // _closed written before _sending is read (see Sent)
            if (!_sending)
            {
                FailInFlight(); // else the command being written: the sender fails it once its write is done
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
                Complete(message.Response);
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
