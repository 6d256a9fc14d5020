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
    private int _enqueued; // actions added while the call runs (Enqueue)
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
        Interlocked.Increment(ref _enqueued);
        Interlocked.Exchange(ref _actionAdded, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

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

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
