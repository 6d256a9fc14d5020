using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using Microsoft.Extensions.Logging;

namespace IvrReadings.FastAgi;

/// <summary>The FastAGI session over one connection: a read loop that owns the socket's receive side (replies and
/// the unsolicited HANGUP line can arrive at any time) and a single-flight command sender.</summary>
/// <remarks>Not IDisposable on purpose: the semaphore never allocates a wait handle, and the hang-up token must stay
/// readable by handler code (and late callbacks) after the connection is gone.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "See remarks.")]
public sealed class AgiChannel : IAgiChannel
{
    private static readonly Histogram<double> CommandDuration = IvrReadingsMeter.Instance.CreateHistogram<double>(
        "ivr_fastagi_command_duration_seconds", "s", "Round trip of one AGI command, from write to reply.");

    private readonly AgiSocket _socket;
    private readonly int _maxLineLength;
    private readonly TimeSpan _commandTimeout;
    private readonly ILogger _logger;
    // The bytes of the command being sent: pooled while it is sent, nothing held while the call waits.
    private readonly CommandBuffer _commandBytes = new();

    // One command in flight at a time: Asterisk answers pipelined commands off by one.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _hungUp = new();
    // The command in flight: Idle (none), Waiting (its reply is awaited), Abandoned (its caller gave up or it timed
    // out, but the reply is still owed: the gate stays closed until that reply arrives or the connection dies).
    private const int Idle = 0, Waiting = 1, Abandoned = 2;
    private const int NotAbandoned = 0, ByTimeout = 1, ByCancellation = 2;
    private int _replyState;
    private int _abandonedBy;
    private readonly ReplySource _reply = new();
    // Command timeout: one timer per channel, armed lazily (see ArmTimeout). _deadline is the Stopwatch timestamp by
    // which the reply in flight must arrive (long.MaxValue: no limit); _timerDue is when the timer will tick
    // (long.MaxValue: not armed). Both written under _timerLock.
    private readonly Lock _timerLock = new();
    private ITimer? _timeoutTimer;
    private long _deadline = long.MaxValue;
    private long _timerDue = long.MaxValue;
    private int _isHungUp;
    private volatile bool _closed;
    private Task? _reader;

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

    /// <summary>Closes the connection and waits for the read loop to end.</summary>
    public async Task CloseAsync()
    {
        _closed = true;
        _socket.Dispose();
        if (_reader is not null)
        {
            await _reader.ConfigureAwait(false);
        }
    }

    /// <summary>Marks the call as over (fires <see cref="HungUp"/> once).</summary>
    public void MarkHungUp(string reason)
    {
        if (Interlocked.Exchange(ref _isHungUp, 1) != 0)
        {
            return;
        }

        HangupReason = reason;
        FastAgiLog.HungUp(_logger, reason);

        // Callbacks of the token run on the thread pool: a handler's callback must not stall the read loop.
        _ = _hungUp.CancelAsync();
    }

    /// <summary>Aborts the connection: the pending command (if any) fails with <see cref="CallHungUpException"/>.</summary>
    public void Abort(string reason)
    {
        MarkHungUp(reason);
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
                while (AgiResponseParser.TryParse(ref rest, _maxLineLength, out var message))
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
            FastAgiLog.ProtocolError(_logger, null, ex);
            _socket.Dispose();
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            reason = "connection reset";
        }
        finally
        {
            _closed = true;
            MarkHungUp(reason);
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
                FastAgiLog.UnexpectedResponse(_logger, message.Response);
                break;
        }
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

    /// <summary>Makes sure the timer ticks no later than <see cref="_deadline"/>.</summary>
    /// <remarks>Timer.Change takes the timer queue's lock, shared with every timer of the process (thousands when calls
    /// are held). A timer that already ticks before the new deadline is left alone: its tick sees the later deadline
    /// and re-arms for the rest. So the queue is touched about once per <c>CommandTimeout</c> per channel instead of
    /// twice per command.</remarks>
    private void ArmTimeout()
    {
        lock (_timerLock)
        {
            var deadline = _deadline;
            if (deadline == long.MaxValue || _timerDue <= deadline)
            {
                return;
            }

            _timerDue = deadline;
            (_timeoutTimer ??= TimeProvider.System.CreateTimer(OnCommandTimer, this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan))
                .Change(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline), Timeout.InfiniteTimeSpan);
        }
    }

    private static void OnCommandTimer(object? state)
    {
        var channel = (AgiChannel)state!;
        lock (channel._timerLock)
        {
            channel._timerDue = long.MaxValue;
            if (Volatile.Read(ref channel._replyState) != Waiting || channel._deadline == long.MaxValue)
            {
                return; // idle, or a command without a limit: the next command with a limit arms the timer again
            }

            // A tick for an earlier command sees a later deadline. Timers also tick a little early (they run on a
            // coarser clock than Stopwatch): then wait for the rest.
            var remaining = channel._deadline - Stopwatch.GetTimestamp();
            if (remaining > 0)
            {
                channel._timerDue = channel._deadline;
                channel._timeoutTimer?.Change(TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency) + TimeSpan.FromMilliseconds(1),
                    Timeout.InfiniteTimeSpan);
                return;
            }
        }

        channel.TryAbandon(ByTimeout);
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
            lock (_timerLock)
            {
                // Before Waiting: a tick of a timer armed by an earlier command must see this command's deadline.
                _deadline = timeout == Timeout.InfiniteTimeSpan
                    ? long.MaxValue
                    : Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            }

            var reply = _reply.Reset();
            Volatile.Write(ref _abandonedBy, NotAbandoned);
            Volatile.Write(ref _replyState, Waiting);
            if (_closed && Interlocked.CompareExchange(ref _replyState, Idle, Waiting) == Waiting)
            {
                throw Hung();
            }

            if (_logger.IsEnabled(LogLevel.Debug))
            {
                FastAgiLog.CommandSent(_logger, command.ToString());
            }

            AgiResponse response;
            try
            {
                // Not cancellable: a command is either written whole or the connection is broken (a few bytes into
                // the kernel's buffer; the call time limit still closes a socket that stopped taking them).
                try
                {
                    command.Write(_commandBytes);
                    await _socket.SendAsync(_commandBytes.Written, CancellationToken.None).ConfigureAwait(false);
                    if (FirstCommandSentAt == 0)
                    {
                        FirstCommandSentAt = Stopwatch.GetTimestamp();
                    }
                }
                finally
                {
                    _commandBytes.Release();
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
            {
                Interlocked.CompareExchange(ref _replyState, Idle, Waiting);
                throw new CallHungUpException("The connection is closed.", ex);
            }

            // No per-command timer or WaitAsync: one timer per channel, armed lazily, and a registration on the token.
            ArmTimeout();

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

    /// <summary>Where a command is formatted: an array from the pool while it is written and sent (one command at a
    /// time, under the gate), none while the call waits for the reply.</summary>
    private sealed class CommandBuffer : IBufferWriter<byte>
    {
        private byte[]? _array;
        private int _written;

        public ReadOnlyMemory<byte> Written => _array.AsMemory(0, _written);

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint).AsMemory(_written);

        public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint).AsSpan(_written);

        private byte[] Ensure(int sizeHint)
        {
            var needed = _written + Math.Max(sizeHint, 1);
            if (_array is null || _array.Length < needed)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 256));
                if (_array is not null)
                {
                    _array.AsSpan(0, _written).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(_array);
                }

                _array = larger;
            }

            return _array;
        }

        /// <summary>The command went out (or failed): the array goes back.</summary>
        public void Release()
        {
            if (_array is not null)
            {
                ArrayPool<byte>.Shared.Return(_array);
                _array = null;
            }

            _written = 0;
        }
    }

    /// <summary>The reply of the command in flight, one reusable source per channel instead of a
    /// TaskCompletionSource per command (one allocation less per round trip, which adds up at thousands of calls).</summary>
    /// <remarks>Completed exactly once per command: only the thread that moves <c>_replyState</c> out of Waiting
    /// completes it. Continuations run inline (on the read loop), as they did with the TaskCompletionSource.</remarks>
    private sealed class ReplySource : IValueTaskSource<AgiResponse>
    {
        private ManualResetValueTaskSourceCore<AgiResponse> _core;

        /// <summary>Starts a new command's wait; a previous reply nobody awaited is dropped.</summary>
        public ValueTask<AgiResponse> Reset()
        {
            _core.Reset();
            return new ValueTask<AgiResponse>(this, _core.Version);
        }

        public void SetResult(AgiResponse response) => _core.SetResult(response);

        public void SetException(Exception exception) => _core.SetException(exception);

        public AgiResponse GetResult(short token) => _core.GetResult(token);

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
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

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static TimeSpan Ms(long milliseconds) => milliseconds < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(milliseconds);

    /// <summary>Commands Asterisk still executes on a hung-up channel (transcripts 30, 31).</summary>
    public static bool IsAllowedWhenDead(string commandName) =>
        commandName.Equals("NOOP", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("VERBOSE", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("SET VARIABLE", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("GET VARIABLE", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("GET FULL VARIABLE", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("EXEC", StringComparison.OrdinalIgnoreCase);

    public async Task AnswerAsync(CancellationToken ct = default)
    {
        var response = await SendAsync(new AgiCommand("ANSWER"), false, TimeSpan.Zero, ct).ConfigureAwait(false);
        if (response.Result < 0)
        {
            throw HungUpBy("ANSWER failed");
        }
    }

    public async Task HangupAsync(CancellationToken ct = default)
    {
        await SendAsync(new AgiCommand("HANGUP"), false, TimeSpan.Zero, ct).ConfigureAwait(false);

        // Asterisk confirms with HANGUP ~40 ms later; the call is over for the handler now.
        MarkHungUp("hung up by the application");
    }

    public async Task<StreamFileResult> StreamFileAsync(string file, string escapeDigits = "", long offset = 0, CancellationToken ct = default)
    {
        var command = offset > 0
            ? new AgiCommand("STREAM FILE", file, AgiArgument.Quoted(escapeDigits), Int(offset))
            : new AgiCommand("STREAM FILE", file, AgiArgument.Quoted(escapeDigits));
        var response = await SendAsync(command, false, TimeSpan.Zero, ct).ConfigureAwait(false);
        var result = response.Result;
        var endpos = response.EndPosition ?? 0;
        if (result < 0)
        {
            // "-1 endpos=0" comes at once for a missing file; a -1 later in the file is a hang-up during playback.
            if (endpos == 0)
            {
                return new StreamFileResult(null, 0, true);
            }

            throw HungUpBy("hung up during STREAM FILE");
        }

        return new StreamFileResult(result > 0 ? (char)result : null, endpos, false);
    }

    public async Task<GetDataResult> GetDataAsync(string file, int timeoutMs, int maxDigits, CancellationToken ct = default)
    {
        var command = new AgiCommand("GET DATA", file, Int(timeoutMs), Int(maxDigits));
        var wait = timeoutMs <= 0 ? TimeSpan.FromSeconds(6 * (maxDigits + 1)) : Ms((long)timeoutMs * (maxDigits + 1));
        var response = await SendAsync(command, false, wait, ct).ConfigureAwait(false);
        if (response.Data == "hangup")
        {
            throw HungUpBy("hung up during GET DATA");
        }

        if (response.ResultText == "-1")
        {
            return new GetDataResult(string.Empty, false, true);
        }

        return new GetDataResult(response.ResultText, response.Data == "timeout", false);
    }

    public async Task<char?> WaitForDigitAsync(int timeoutMs, CancellationToken ct = default)
    {
        var response = await SendAsync(new AgiCommand("WAIT FOR DIGIT", Int(timeoutMs)), false, Ms(timeoutMs), ct).ConfigureAwait(false);
        return DigitOrHangup(response, "WAIT FOR DIGIT");
    }

    public async Task<char?> SayDigitsAsync(string digits, string escapeDigits = "", CancellationToken ct = default)
    {
        var response = await SendAsync(new AgiCommand("SAY DIGITS", digits, AgiArgument.Quoted(escapeDigits)), false, TimeSpan.Zero, ct).ConfigureAwait(false);
        return DigitOrHangup(response, "SAY DIGITS");
    }

    public async Task<char?> SayNumberAsync(long number, string escapeDigits = "", string? gender = null, CancellationToken ct = default)
    {
        var command = gender is null
            ? new AgiCommand("SAY NUMBER", Int(number), AgiArgument.Quoted(escapeDigits))
            : new AgiCommand("SAY NUMBER", Int(number), AgiArgument.Quoted(escapeDigits), gender);
        var response = await SendAsync(command, false, TimeSpan.Zero, ct).ConfigureAwait(false);
        return DigitOrHangup(response, "SAY NUMBER");
    }

    private char? DigitOrHangup(in AgiResponse response, string command)
    {
        var result = response.Result;
        if (result < 0)
        {
            throw HungUpBy("hung up during " + command);
        }

        return result == 0 ? null : (char)result;
    }

    public async Task<RecordFileResult> RecordFileAsync(RecordFileRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var arguments = new List<AgiArgument>(7)
        {
            request.Path, request.Format, AgiArgument.Quoted(request.EscapeDigits), Int(request.MaxMs),
        };

        // Positional: the 7th token is the offset, so it is written whenever anything follows it.
        if (request.Offset is not null || request.Beep || request.SilenceSeconds is not null)
        {
            arguments.Add(Int(request.Offset ?? 0));
        }

        if (request.Beep)
        {
            arguments.Add("BEEP");
        }

        if (request.SilenceSeconds is { } silence)
        {
            arguments.Add("s=" + Int(silence));
        }

        var response = await SendAsync(new AgiCommand("RECORD FILE", [.. arguments]), false, Ms(request.MaxMs), ct).ConfigureAwait(false);
        var endpos = response.EndPosition ?? 0;
        switch (response.Data)
        {
            case "dtmf":
                return new RecordFileResult(RecordEndReason.Dtmf, response.Result > 0 ? (char)response.Result : null, endpos);
            case "timeout":
                return new RecordFileResult(RecordEndReason.Timeout, null, endpos);
            case "writefile":
                return new RecordFileResult(RecordEndReason.WriteFile, null, endpos);
            case "hangup":
                MarkHungUp("hung up during RECORD FILE");
                return new RecordFileResult(RecordEndReason.Hangup, null, endpos);
            default:
                if (response.Result < 0)
                {
                    MarkHungUp("hung up during RECORD FILE");
                    return new RecordFileResult(RecordEndReason.Hangup, null, endpos);
                }

                return new RecordFileResult(RecordEndReason.Timeout, null, endpos);
        }
    }

    public Task SetVariableAsync(string name, string value, CancellationToken ct = default) =>
        SendAsync(new AgiCommand("SET VARIABLE", name, value), true, TimeSpan.Zero, ct).AsTask();

    public async Task<string?> GetVariableAsync(string name, CancellationToken ct = default)
    {
        var response = await SendAsync(new AgiCommand("GET VARIABLE", name), true, TimeSpan.Zero, ct).ConfigureAwait(false);
        return response.Result == 1 ? response.Data ?? string.Empty : null;
    }

    public async Task<string?> GetFullVariableAsync(string expression, CancellationToken ct = default)
    {
        var response = await SendAsync(new AgiCommand("GET FULL VARIABLE", expression), true, TimeSpan.Zero, ct).ConfigureAwait(false);
        return response.Result == 1 ? response.Data ?? string.Empty : null;
    }

    public async Task<int> ExecAsync(string application, string arguments, CancellationToken ct = default)
    {
        var command = string.IsNullOrEmpty(arguments)
            ? new AgiCommand("EXEC", application)
            : new AgiCommand("EXEC", application, arguments);

        // An application can run for as long as it likes (Wait, Playback); the call time limit still applies.
        var response = await SendAsync(command, true, Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
        return (int)response.Result;
    }

    public Task VerboseAsync(string message, int level = 1, CancellationToken ct = default) =>
        SendAsync(new AgiCommand("VERBOSE", AgiArgument.Quoted(message), Int(level)), true, TimeSpan.Zero, ct).AsTask();

    public async Task<int> ChannelStatusAsync(CancellationToken ct = default)
    {
        var response = await SendAsync(new AgiCommand("CHANNEL STATUS"), false, TimeSpan.Zero, ct).ConfigureAwait(false);
        return (int)response.Result;
    }

    public Task SetMusicAsync(bool on, string? musicClass = null, CancellationToken ct = default)
    {
        var command = on && musicClass is not null
            ? new AgiCommand("SET MUSIC", "on", musicClass)
            : new AgiCommand("SET MUSIC", on ? "on" : "off");
        return SendAsync(command, false, TimeSpan.Zero, ct).AsTask();
    }

    public Task NoopAsync(CancellationToken ct = default) => SendAsync(new AgiCommand("NOOP"), true, TimeSpan.Zero, ct).AsTask();

    public Task<AgiResponse> SendRawAsync(AgiCommand command, CancellationToken ct = default) =>
        SendAsync(command, IsAllowedWhenDead(command.Name), TimeSpan.Zero, ct).AsTask();
}
