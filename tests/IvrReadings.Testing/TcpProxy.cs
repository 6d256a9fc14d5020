using System.Net;
using System.Net.Sockets;

namespace IvrReadings.Testing;

/// <summary>
/// A TCP proxy on loopback between the server under test and a real database, for the faults a database shows on a
/// bad day without touching the database itself (other tests share it): <see cref="Freeze"/> stops forwarding in both
/// directions while connections stay open (a hung server, a SIGSTOPped process, a dead link with no RST),
/// <see cref="Latency"/> delays every chunk. It counts the upstream connections open now and at most.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint target;
    private readonly CancellationTokenSource stop = new();
    private readonly Lock gate = new();
    private readonly List<Socket> sockets = [];
    private readonly Task acceptLoop;
    private TaskCompletionSource thawed = NewGate(open: true);
    private int open;
    private int peak;

    public TcpProxy(IPEndPoint target)
    {
        this.target = target;
        listener.Start(512);
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>Added before every chunk is forwarded.</summary>
    public TimeSpan Latency { get; set; }

    public int OpenConnections => Volatile.Read(ref open);

    public int PeakConnections => Volatile.Read(ref peak);

    /// <summary>From now on nothing is forwarded (new connections are accepted and held too) until <see cref="Thaw"/>.</summary>
    public void Freeze()
    {
        lock (gate)
        {
            if (thawed.Task.IsCompleted) thawed = NewGate(open: false);
        }
    }

    public void Thaw()
    {
        lock (gate) thawed.TrySetResult();
    }

    public void ResetPeak() => Volatile.Write(ref peak, OpenConnections);

    /// <summary>Rewrites <paramref name="connectionString"/>'s host and port to go through this proxy.</summary>
    public string Route(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Port }.ConnectionString;

    private static TaskCompletionSource NewGate(bool open)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open) gate.SetResult();
        return gate;
    }

    private Task WaitThawedAsync()
    {
        lock (gate) return thawed.Task;
    }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        Track(client);
        Track(server);
        try
        {
            await WaitThawedAsync().WaitAsync(stop.Token);
            await server.ConnectAsync(target, stop.Token);
            var now = Interlocked.Increment(ref open);
            for (var seen = Volatile.Read(ref peak); now > seen; seen = Volatile.Read(ref peak))
            {
                if (Interlocked.CompareExchange(ref peak, now, seen) == seen) break;
            }

            try
            {
                // Either direction ending ends both: a closed database connection closes the client's.
                await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
            }
            finally
            {
                Interlocked.Decrement(ref open);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The test is over, or a side went away.
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                if (read == 0) return;
                await WaitThawedAsync().WaitAsync(stop.Token);
                if (Latency > TimeSpan.Zero) await Task.Delay(Latency, stop.Token);
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Closed on either side.
        }
    }

    private void Track(Socket socket)
    {
        lock (gate) sockets.Add(socket);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        Thaw();
        lock (gate)
        {
            foreach (var socket in sockets) socket.Dispose();
        }

        await acceptLoop;
        stop.Dispose();
    }
}
