using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IvrReadings.AsteriskSim.Tests.Support;

/// <summary>A bare FastAGI "app" that writes raw bytes, so tests see exactly what the fake Asterisk answers.</summary>
public sealed class RawApp : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly TcpListener _listener;
    private readonly List<byte> _pending = [];
    private Socket? _socket;

    private RawApp(TcpListener listener)
    {
        _listener = listener;
    }

    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    public List<string> Environment { get; } = [];

    public Task<SimCallResult>? Call { get; private set; }

    /// <summary>Listens, starts the simulated call and reads its environment block.</summary>
    public static async Task<RawApp> ConnectAsync(SimCallOptions? options = null, CallerScript? caller = null, SimulatedCall? call = null)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var app = new RawApp(listener);
        call ??= new SimulatedCall(options ?? new SimCallOptions(), caller);
        app.Call = call.RunAsync(app.Endpoint);
        app._socket = await listener.AcceptSocketAsync().WaitAsync(Patience);
        while (await app.ReadLineAsync() is { Length: > 0 } line)
        {
            app.Environment.Add(line);
        }

        return app;
    }

    public async Task SendAsync(string raw) => await _socket!.SendAsync(Encoding.UTF8.GetBytes(raw));

    /// <summary>Sends one command and returns the first reply line.</summary>
    public async Task<string> CommandAsync(string command)
    {
        await SendAsync(command + "\n");
        return await ReadLineAsync() ?? throw new EndOfStreamException();
    }

    /// <summary>Bytes received and not yet read as lines, here and in the socket.</summary>
    public int Unread => _pending.Count + _socket!.Available;

    /// <summary>The next line without its LF, or null at EOF.</summary>
    public async Task<string?> ReadLineAsync()
    {
        var buffer = new byte[1024];
        while (true)
        {
            var lf = _pending.IndexOf((byte)'\n');
            if (lf >= 0)
            {
                var line = Encoding.UTF8.GetString(_pending.GetRange(0, lf).ToArray());
                _pending.RemoveRange(0, lf + 1);
                return line;
            }

            int read;
            try
            {
                read = await _socket!.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).AsTask().WaitAsync(Patience);
            }
            catch (SocketException)
            {
                return null;
            }

            if (read == 0)
            {
                return null;
            }

            _pending.AddRange(buffer.AsSpan(0, read).ToArray());
        }
    }

    /// <summary>True when no byte arrives within <paramref name="window"/> (to show a reply is NOT sent).</summary>
    public async Task<bool> SilentForAsync(TimeSpan window)
    {
        if (_pending.Count > 0)
        {
            return false;
        }

        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(window);
        try
        {
            var read = await _socket!.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            _pending.AddRange(buffer.AsSpan(0, read).ToArray());
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public void ShutdownSend() => _socket!.Shutdown(SocketShutdown.Send);

    public async Task<SimCallResult> CloseAsync()
    {
        _socket?.Dispose();
        return await Call!.WaitAsync(Patience);
    }

    public async ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        _listener.Stop();
        _listener.Dispose();
        if (Call is not null)
        {
            await Call.WaitAsync(Patience);
        }
    }
}
