using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IvrReadings.AsteriskSim;

/// <summary>A fake Asterisk channel running one FastAGI session over a real TCP connection. It connects to the
/// server, sends the environment block line by line, and answers commands the way Asterisk 22 does (see
/// tests/fixtures/agi-transcripts), driven by a <see cref="CallerScript"/>.</summary>
/// <remarks>Not IDisposable: the write lock never allocates a wait handle, and the socket is owned by RunAsync.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "See remarks.")]
public sealed partial class SimulatedCall
{
    private readonly SimCallOptions _options;
    private readonly System.Collections.Concurrent.ConcurrentQueue<CallerAction> _actions;
    private TaskCompletionSource _actionAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _typeAhead = new();
    private readonly Dictionary<string, string> _variables;
    private readonly List<SimWireLine> _transcript = [];
    private readonly List<string> _commands = [];
    private readonly List<string> _played = [];
    private readonly List<string> _recordings = [];
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TaskCompletionSource _callerHungUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _clock = new();
    private readonly object _sync = new();
    private readonly byte[] _buffer = new byte[4096];
    private int _bufferStart;
    private int _bufferEnd;
    private Socket? _socket;
    private string _language;
    private bool _answered;
    private volatile bool _dead;
    private volatile bool _asteriskClosed;
    private bool _commandRunning;
    private bool _hangupRequested;

    public SimulatedCall(SimCallOptions? options = null, CallerScript? caller = null)
    {
        _options = options ?? new SimCallOptions();
        _actions = new System.Collections.Concurrent.ConcurrentQueue<CallerAction>((caller ?? new CallerScript()).Actions);
        _variables = new Dictionary<string, string>(_options.Variables, StringComparer.Ordinal);
        _language = _options.Language;
    }

    public SimCallOptions Options => _options;

    public string UniqueId => _options.UniqueId;

    /// <summary>True once the channel is hung up (by the caller, the app's HANGUP, or EXEC Hangup).</summary>
    public bool IsHungUp => _dead;

    /// <summary>Connects to <paramref name="server"/> and runs the call until the app or the fake Asterisk closes.</summary>
    public static Task<SimCallResult> RunAsync(EndPoint server, SimCallOptions options, CallerScript caller, CancellationToken ct = default) =>
        new SimulatedCall(options, caller).RunAsync(server, ct);

    public async Task<SimCallResult> RunAsync(EndPoint server, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        _clock.Start();
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = _options.NoDelay };
        try
        {
            await socket.ConnectAsync(server, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return Finish(ct.IsCancellationRequested ? SimEndReason.Cancelled : SimEndReason.ConnectionFailed, ex);
        }

        _socket = socket;
        _options.Observer?.OnConnected(this);
        // Cancelling tears the call down: the socket goes, and any wait (Hold, WAIT FOR DIGIT -1) ends.
        using var cancel = ct.Register(static s =>
        {
            var call = (SimulatedCall)s!;
            call._callerHungUp.TrySetResult();
            call._socket?.Dispose();
        }, this);
        try
        {
            await SendEnvironmentAsync(server, ct).ConfigureAwait(false);
            await RunIdleActionsAsync().ConfigureAwait(false);
            while (!_asteriskClosed)
            {
                var line = await ReadCommandLineAsync(ct).ConfigureAwait(false);
                if (line is null)
                {
                    break;
                }

                lock (_sync)
                {
                    _commandRunning = true;
                }

                await HandleCommandAsync(line).ConfigureAwait(false);
                bool hangupRequested;
                lock (_sync)
                {
                    _commandRunning = false;
                    hangupRequested = _hangupRequested;
                }

                if (hangupRequested)
                {
                    await CallerHangsUpAsync(delayLine: false).ConfigureAwait(false);
                }

                await RunIdleActionsAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            if (ct.IsCancellationRequested)
            {
                return Finish(SimEndReason.Cancelled, null);
            }

            if (!_asteriskClosed)
            {
                return Finish(SimEndReason.ConnectionFailed, ex);
            }
        }

        if (_asteriskClosed)
        {
            return Finish(SimEndReason.AsteriskClosed, null);
        }

        // The app closed the socket. Asterisk writes one more HANGUP after the script ends (transcripts 01, 38).
        Note("app closed the socket");
        var reason = _dead ? SimEndReason.AppClosedAfterHangup : SimEndReason.AppClosed;
        if (!_dead)
        {
            try
            {
                await WriteAsync("HANGUP\n").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The app is gone; nothing to tell.
            }
        }

        return Finish(reason, null);
    }

    /// <summary>Adds an action while the call runs (an interactive phone simulator types keys this way). A command
    /// waiting for input (WAIT FOR DIGIT, GET DATA in real-time mode) takes it at once.</summary>
    public void Enqueue(CallerAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _actions.Enqueue(action);
        Interlocked.Exchange(ref _actionAdded, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Waits until an action is enqueued after <paramref name="added"/> was taken (true), the caller hangs up,
    /// or <paramref name="timeout"/> passes (only in real-time mode; in virtual time a finite wait is over at once).</summary>
    private async Task<bool> WaitForActionAsync(Task added, TimeSpan timeout)
    {
        if (!added.IsCompleted && timeout != Timeout.InfiniteTimeSpan && !_options.RealTime)
        {
            return false;
        }

        if (!added.IsCompleted)
        {
            var delay = timeout == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite) : Task.Delay(timeout);
            await Task.WhenAny(added, _callerHungUp.Task, delay).ConfigureAwait(false);
        }

        return added.IsCompleted && !_callerHungUp.Task.IsCompleted;
    }

    /// <summary>Completes when the next action is enqueued; take it BEFORE looking at the queue.</summary>
    private Task NextActionAdded => Volatile.Read(ref _actionAdded).Task;

    /// <summary>The caller hangs up now: at once when the app is idle, else the running command returns -1.</summary>
    public async Task HangUpAsync()
    {
        lock (_sync)
        {
            if (_commandRunning)
            {
                _hangupRequested = true;
                _callerHungUp.TrySetResult();
                return;
            }
        }

        await CallerHangsUpAsync(delayLine: false).ConfigureAwait(false);
    }

    private SimCallResult Finish(SimEndReason reason, Exception? error)
    {
        _callerHungUp.TrySetResult();
        SimCallResult result;
        lock (_sync)
        {
            result = new SimCallResult
            {
                EndReason = reason,
                Commands = [.. _commands],
                Transcript = [.. _transcript],
                Played = [.. _played],
                Variables = new Dictionary<string, string>(_variables),
                Recordings = [.. _recordings],
                HungUp = _dead,
                Error = error,
            };
        }

        _options.Observer?.OnEnded(this, result);
        return result;
    }

    private async Task SendEnvironmentAsync(EndPoint server, CancellationToken ct)
    {
        var script = _options.Query is null ? _options.Script : _options.Script + "?" + _options.Query;
        var host = server is IPEndPoint ip ? $"{ip.Address}:{ip.Port}" : server.ToString();
        var lines = new List<KeyValuePair<string, string>>
        {
            new("agi_network", "yes"),
            new("agi_network_script", script),
            new("agi_request", $"agi://{host}/{script}"),
            new("agi_channel", _options.Channel),
            new("agi_language", _options.Language),
            new("agi_type", "Local"),
            new("agi_uniqueid", _options.UniqueId),
            new("agi_version", "22.10.1"),
            new("agi_callerid", _options.CallerId),
            new("agi_calleridname", _options.CallerIdName),
            new("agi_callingpres", "0"),
            new("agi_callingani2", "0"),
            new("agi_callington", "0"),
            new("agi_callingtns", "0"),
            new("agi_dnid", "unknown"),
            new("agi_rdnis", "unknown"),
            new("agi_context", _options.Context),
            new("agi_extension", _options.Extension),
            new("agi_priority", "1"),
            new("agi_enhanced", "0.0"),
            new("agi_accountcode", string.Empty),
            new("agi_threadid", "140512963843776"),
        };
        foreach (var extra in _options.ExtraEnvironment)
        {
            var index = lines.FindIndex(l => l.Key == extra.Key);
            if (index >= 0)
            {
                lines[index] = extra;
            }
            else
            {
                lines.Add(extra);
            }
        }

        for (var i = 0; i < _options.Arguments.Count; i++)
        {
            lines.Add(new($"agi_arg_{i + 1}", _options.Arguments[i]));
        }

        // Asterisk writes every line with its own write(); the app must not assume one read.
        foreach (var (name, value) in lines)
        {
            await WriteAsync($"{name}: {value}\n").ConfigureAwait(false);
            if (_options.EnvironmentLineDelay > TimeSpan.Zero)
            {
                await Task.Delay(_options.EnvironmentLineDelay, ct).ConfigureAwait(false);
            }
        }

        await WriteAsync("\n").ConfigureAwait(false);
        _options.Observer?.OnEnvironmentSent(this);
    }

    /// <summary>Reads one command the way Asterisk's buffered fgets() loop does: it waits for the socket to be readable
    /// BEFORE looking at what it already buffered. So two commands in one write are answered one at a time, the
    /// second only when more bytes arrive: pipelining leaves the app one reply behind (transcript 29).</summary>
    private async Task<string?> ReadCommandLineAsync(CancellationToken ct)
    {
        var socket = _socket!;
        await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, ct).ConfigureAwait(false);
        while (true)
        {
            if (TryTakeLine(out var line))
            {
                return line;
            }

            if (_bufferStart > 0)
            {
                Buffer.BlockCopy(_buffer, _bufferStart, _buffer, 0, _bufferEnd - _bufferStart);
                _bufferEnd -= _bufferStart;
                _bufferStart = 0;
            }

            if (_bufferEnd == _buffer.Length)
            {
                // Asterisk's line buffer is finite too: a longer line is cut and the rest read as the next command.
                line = Encoding.UTF8.GetString(_buffer, 0, _bufferEnd);
                _bufferStart = _bufferEnd = 0;
                return line;
            }

            var read = await socket.ReceiveAsync(_buffer.AsMemory(_bufferEnd), SocketFlags.None, ct).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            _bufferEnd += read;
        }
    }

    private bool TryTakeLine(out string line)
    {
        var span = _buffer.AsSpan(_bufferStart, _bufferEnd - _bufferStart);
        var lf = span.IndexOf((byte)'\n');
        if (lf < 0)
        {
            line = string.Empty;
            return false;
        }

        line = Encoding.UTF8.GetString(span[..lf]);
        _bufferStart += lf + 1;
        return true;
    }

    /// <summary>Actions that happen while the app is idle: keys that get lost, and the caller hanging up.</summary>
    private async Task RunIdleActionsAsync()
    {
        while (!_dead && _actions.TryPeek(out var action))
        {
            if (action is CallerAction.PressWhileIdle idle)
            {
                _actions.TryDequeue(out _);
                Note($"caller presses {idle.Keys} while no command runs (lost)");
            }
            else if (action is CallerAction.HangUp)
            {
                _actions.TryDequeue(out _);
                await CallerHangsUpAsync(delayLine: false).ConfigureAwait(false);
            }
            else
            {
                break;
            }
        }
    }

    /// <summary>The channel hangs up. The HANGUP line follows a command's -1 reply after a short delay, or comes at once
    /// when the app is idle; AGIEXITONHANGUP sends it twice and closes; AGISIGHUP=no sends nothing.</summary>
    private async Task CallerHangsUpAsync(bool delayLine)
    {
        lock (_sync)
        {
            if (_dead)
            {
                return;
            }

            _dead = true;
        }

        _callerHungUp.TrySetResult();
        Note("channel hung up");
        if (_options.AgiExitOnHangup)
        {
            await WriteAsync("HANGUP\nHANGUP\n").ConfigureAwait(false);
            _asteriskClosed = true;
            try
            {
                _socket?.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Already gone.
            }

            _socket?.Dispose();
            return;
        }

        if (!_options.AgiSigHup)
        {
            return;
        }

        if (!delayLine || _options.HangupLineDelay <= TimeSpan.Zero)
        {
            await WriteAsync("HANGUP\n").ConfigureAwait(false);
            return;
        }

        _ = SendHangupLineLaterAsync();
    }

    private async Task SendHangupLineLaterAsync()
    {
        try
        {
            await Task.Delay(_options.HangupLineDelay).ConfigureAwait(false);
            await WriteAsync("HANGUP\n").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The app closed first.
        }
    }

    private async Task ReplyAsync(string line)
    {
        await WriteAsync(line + "\n").ConfigureAwait(false);
    }

    private async Task WriteAsync(string text)
    {
        var socket = _socket ?? throw new ObjectDisposedException(nameof(SimulatedCall));
        var bytes = Encoding.UTF8.GetBytes(text);
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_asteriskClosed && text != "HANGUP\nHANGUP\n")
            {
                return;
            }

            var sent = 0;
            while (sent < bytes.Length)
            {
                sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None).ConfigureAwait(false);
            }

            if (_options.RecordTranscript || _options.Observer is not null)
            {
                foreach (var line in text.Split('\n')[..^1])
                {
                    Record(SimDirection.ToApp, line);
                    _options.Observer?.OnReply(this, line);
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void Record(SimDirection direction, string text)
    {
        if (!_options.RecordTranscript)
        {
            return;
        }

        lock (_sync)
        {
            _transcript.Add(new SimWireLine(_clock.Elapsed, direction, text));
        }
    }

    private void Note(string text) => Record(SimDirection.Note, text);

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
