using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IvrReadings.FastAgi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrReadings.CallFlow.Voice.AudioSocket;

/// <summary>
/// Where Asterisk streams a caller's answer (<c>AudioSocket(uuid,host:port)</c>, run by the voice flow through AGI
/// <c>EXEC</c>): a TCP listener on <c>Voice:AudioSocketListen</c> (by default the FastAGI host, any free port). A
/// connection must name, in its first message within 5 s, a stream this server expects (a random UUID it gave to
/// Asterisk for one answer a moment before); anything else is closed. <c>FastAgi:AllowedClients</c> applies here too,
/// and so does <c>FastAgi:MaxPendingConnections</c>: past that many connections still to name their stream, the oldest
/// idle for a second or more is closed to make room (Asterisk names its stream within milliseconds, so a flood of idle
/// connections never keeps a caller's answer out). Whatever their age there are never more than <see cref="MaxUnnamed"/>
/// of them: they come out of <c>FastAgi:ReservedDescriptors</c>. A named stream counts among the FastAGI connections
/// (<see cref="FastAgiServer.TryTakeDescriptor"/>) until its answer is over; with every one of those a call it is closed
/// and the answer is recorded by RECORD FILE. Refusals are logged one line per burst.
/// </summary>
public sealed partial class AudioSocketListener : BackgroundService
{
    private static readonly long EvictAge = Stopwatch.Frequency;

    /// <summary>Connections still to name their stream, at most, however new: past it the oldest is closed. A flood on
    /// this port then holds a few dozen descriptors, not the ones calls and the database need (a 1,024-descriptor server
    /// under 1,500 idle connections here and 1,500 on FastAGI used to abort). Asterisk connects once per answer it
    /// streams and names the stream at once, so this many in the same instant is already a flood.</summary>
    internal const int MaxUnnamed = 64;

    private readonly ConcurrentDictionary<Guid, Expectation> _expected = new();
    private readonly VoiceOptions _options;
    private readonly FastAgiOptions _fastAgi;
    private readonly IReadOnlyList<IPNetwork> _allowed;
    private readonly ILogger<AudioSocketListener> _logger;
    private readonly FastAgiServer _server;
    private readonly TaskCompletionSource<IPEndPoint?> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConnectionBook<Socket> _pending;
    private readonly LogBurst _refusedLog = new(TimeSpan.FromSeconds(10));
    private Socket? _socket;

    /// <param name="server">The FastAGI server, in whose descriptor budget a caller's stream counts.</param>
    public AudioSocketListener(IOptions<VoiceOptions> options, IOptions<FastAgiOptions> fastAgi, FastAgiServer server,
        ILogger<AudioSocketListener> logger)
    {
        _server = server;
        // An evicted one's read of its stream's name fails and its own HandOverAsync closes it (and logs it).
        _pending = new ConnectionBook<Socket>(MaxUnnamed, Math.Max(1, fastAgi.Value.MaxPendingConnections), EvictAge, static socket => socket.Dispose());
        _options = options.Value;
        _fastAgi = fastAgi.Value;
        _allowed = _fastAgi.GetAllowedNetworks();
        _logger = logger;
    }

    /// <summary>How long a connection may take to name its stream (Asterisk does it at once).</summary>
    internal TimeSpan UuidTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where the listener is bound, once started (null: not listening, see the log).</summary>
    public Task<IPEndPoint?> Bound => _bound.Task;

    /// <summary>Announces a stream: the connection that names <paramref name="id"/> completes the result's task.</summary>
    public Expectation Expect(Guid id)
    {
        var expectation = new Expectation(this, id);
        _expected[id] = expectation;
        return expectation;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var endpoint = ListenEndPoint();
            var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (endpoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(endpoint);
            socket.Listen(512);
            _socket = socket;
            var bound = (IPEndPoint)socket.LocalEndPoint!;
            _bound.TrySetResult(bound);
            LogListening(bound);
        }
        catch (Exception ex) when (ex is SocketException or FormatException)
        {
            // The voice line still works where Asterisk and this server share the recordings directory (RECORD FILE).
            LogCannotListen(ex, _options.AudioSocketListen ?? "(FastAGI host, any port)");
            _bound.TrySetResult(null);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_socket is not { } listener)
        {
            return;
        }

        using (listener)
        {
            var backoff = new AcceptBackoff();
            while (!stoppingToken.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    client = await listener.AcceptAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                catch (SocketException ex)
                {
                    // Out of file descriptors, typically: back off as the FastAGI listener does, one log line per burst.
                    if (backoff.Failed(out var wait))
                    {
                        LogAcceptFailed(ex);
                    }

                    try
                    {
                        await Task.Delay(wait, stoppingToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }

                    continue;
                }

                if (backoff.Succeeded(out var failures, out var failingMs))
                {
                    LogAcceptRecovered(failures, failingMs);
                }

                if (Admit(client) is { } pending)
                {
                    _ = HandOverAsync(client, pending, stoppingToken);
                }
            }
        }

        foreach (var waiting in _expected.Values)
        {
            waiting.Cancel();
        }
    }

    /// <summary>Counts <paramref name="accepted"/> among the connections still to name their stream, closing the oldest
    /// of them idle for a second or more while there are <c>FastAgi:MaxPendingConnections</c>, and the oldest whatever
    /// its age while there are <see cref="MaxUnnamed"/> (so never refusing: every one counted is still to name its stream).</summary>
    /// <returns>Its entry, null only if it was refused (and closed).</returns>
    private ConnectionBook<Socket>.Entry? Admit(Socket accepted)
    {
        var entry = _pending.Admit(accepted, Stopwatch.GetTimestamp());
        if (entry is null)
        {
            accepted.Dispose();
        }

        return entry;
    }

    /// <summary>Reads the stream's UUID and gives the connection to the answer waiting for it.</summary>
    private async Task HandOverAsync(Socket client, ConnectionBook<Socket>.Entry pending, CancellationToken stoppingToken)
    {
        try
        {
            await NameAndHandOverAsync(client, pending, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            _ = _pending.Leave(pending);
        }
    }

    private async Task NameAndHandOverAsync(Socket client, ConnectionBook<Socket>.Entry pending, CancellationToken stoppingToken)
    {
        var remote = client.RemoteEndPoint as IPEndPoint;
        if (!Allowed(remote))
        {
            if (_refusedLog.TryLog(out var suppressed)) LogRefused(remote, suppressed);
            client.Dispose();
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(UuidTimeout);
        var buffer = new byte[AudioSocketFrame.HeaderLength + 16];
        var received = 0;
        try
        {
            while (received < buffer.Length)
            {
                var n = await client.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, timeout.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                received += n;
            }

            var sequence = new ReadOnlySequence<byte>(buffer, 0, received);
            if (AudioSocketFrame.TryRead(ref sequence, out var kind, out var payload) && kind == AudioSocketKind.Uuid
                && _expected.TryRemove(AudioSocketFrame.ReadUuid(payload), out var waiting))
            {
                // Out of the pending ones before the hand-over: a caller's answer is never evicted once handed over.
                if (_pending.Leave(pending))
                {
                    // A stream lasts as long as the answer: it counts among the FastAGI connections, not in the reserve.
                    if (_server.TryTakeDescriptor(client) is not { } descriptor)
                    {
                        if (_refusedLog.TryLog(out var suppressed)) LogNoDescriptor(remote, suppressed);
                        client.Dispose();
                        return;
                    }

                    if (waiting.Arrive(client, descriptor)) return;
                }
            }

            Unknown(remote);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or FormatException or ObjectDisposedException)
        {
            Unknown(remote);
        }

        client.Dispose();
    }

    private void Unknown(IPEndPoint? remote)
    {
        if (_refusedLog.TryLog(out var suppressed)) LogUnknownStream(remote, suppressed);
    }

    /// <summary>The same clients as FastAGI (<c>FastAgi:AllowedClients</c>): Asterisk connects to both.</summary>
    private bool Allowed(IPEndPoint? remote)
    {
        if (_allowed.Count == 0)
        {
            return true;
        }

        if (remote is null)
        {
            return false;
        }

        var address = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        return _allowed.Any(network => network.Contains(address));
    }

    /// <summary><c>Voice:AudioSocketListen</c>, else the FastAGI listener's host with any free port.</summary>
    private IPEndPoint ListenEndPoint()
    {
        var configured = string.IsNullOrWhiteSpace(_options.AudioSocketListen) ? null : _options.AudioSocketListen;
        if (configured is not null)
        {
            return IPEndPoint.Parse(configured);
        }

        var fastAgi = IPEndPoint.TryParse(_fastAgi.Listen, out var agi) ? agi.Address : IPAddress.Loopback;
        return new IPEndPoint(fastAgi, 0);
    }

    /// <summary>An announced stream; disposing it withdraws the announcement (and closes a connection nobody took).</summary>
    public sealed class Expectation : IDisposable
    {
        private readonly AudioSocketListener _owner;
        private readonly TaskCompletionSource<Socket> _arrival = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private IDisposable? _descriptor;
        private int _taken;

        internal Expectation(AudioSocketListener owner, Guid id)
        {
            _owner = owner;
            Id = id;
        }

        public Guid Id { get; }

        public Task<Socket> Connected => _arrival.Task;

        /// <summary>The connection, once <see cref="Connected"/> has completed; the caller owns and closes it from then on
        /// (before disposing this, which gives back its place in the descriptor budget).</summary>
        public Socket Take()
        {
            var socket = _arrival.Task.Result;
            Interlocked.Exchange(ref _taken, 1);
            return socket;
        }

        /// <summary>Hands <paramref name="socket"/> over with its place in the descriptor budget.</summary>
        /// <returns>false when the announcement was withdrawn first (the place is given back; the caller closes the socket).</returns>
        internal bool Arrive(Socket socket, IDisposable descriptor)
        {
            Volatile.Write(ref _descriptor, descriptor);
            if (_arrival.TrySetResult(socket))
            {
                return true;
            }

            Interlocked.Exchange(ref _descriptor, null)?.Dispose();
            return false;
        }

        internal void Cancel() => _arrival.TrySetCanceled(CancellationToken.None);

        /// <summary>
        /// Withdraws the announcement; a connection that arrived but was never taken (it came after the answer gave up
        /// waiting) is closed, so Asterisk's stream ends and the socket is not left open.
        /// </summary>
        public void Dispose()
        {
            _owner._expected.TryRemove(Id, out _);
            if (!_arrival.TrySetCanceled() && _arrival.Task.IsCompletedSuccessfully && Interlocked.Exchange(ref _taken, 1) == 0)
            {
                _arrival.Task.Result.Dispose();
            }

            Interlocked.Exchange(ref _descriptor, null)?.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AudioSocket listening on {EndPoint} (callers' answers streamed by Asterisk)")]
    private partial void LogListening(IPEndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "AudioSocket cannot listen on {Listen}: voice answers are recorded by Asterisk (RECORD FILE) into the shared recordings directory instead")]
    private partial void LogCannotListen(Exception ex, string listen);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AudioSocket accept failed (retrying with a back-off up to 1 s)")]
    private partial void LogAcceptFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AudioSocket accepts again after {Failures} failed accepts in {DurationMs} ms")]
    private partial void LogAcceptRecovered(int failures, long durationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AudioSocket connection from {Remote} refused: not in FastAgi:AllowedClients ({Suppressed} more refusals not logged since the last line)")]
    private partial void LogRefused(IPEndPoint? remote, long suppressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AudioSocket stream from {Remote} closed: FastAGI connection limit reached with every connection a call; the answer is recorded by RECORD FILE instead ({Suppressed} more refusals not logged since the last line)")]
    private partial void LogNoDescriptor(IPEndPoint? remote, long suppressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AudioSocket connection from {Remote} closed: it named no stream this server expects in time ({Suppressed} more refusals not logged since the last line)")]
    private partial void LogUnknownStream(IPEndPoint? remote, long suppressed);
}
