using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IvrReadings.CallFlow.Voice;
using IvrReadings.CallFlow.Voice.AudioSocket;
using IvrReadings.FastAgi;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IvrReadings.CallFlow.Tests.Voice.AudioSocket;

/// <summary>The AudioSocket listener hands a stream only to the answer that announced it, from an allowed client.</summary>
public sealed class AudioSocketListenerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static Task<(AudioSocketListener Listener, IPEndPoint Bound)> StartAsync(params string[] allowedClients) =>
        StartAsync(new FastAgiOptions { AllowedClients = [.. allowedClients] }, TimeSpan.FromSeconds(5));

    private static async Task<(AudioSocketListener Listener, IPEndPoint Bound)> StartAsync(FastAgiOptions fastAgi, TimeSpan uuidTimeout,
        FastAgiServer? server = null)
    {
        var listener = new AudioSocketListener(
            Options.Create(new VoiceOptions { AudioSocketListen = "127.0.0.1:0" }),
            Options.Create(fastAgi),
            server ?? new FastAgiServer(),
            NullLogger<AudioSocketListener>.Instance) { UuidTimeout = uuidTimeout };
        await listener.StartAsync(CancellationToken.None);
        return (listener, (await listener.Bound)!);
    }

    private static async Task<Socket> ConnectAsync(IPEndPoint bound, Guid id)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(bound);
        await socket.SendAsync(AudioSocketFrame.Uuid(id), SocketFlags.None);
        return socket;
    }

    /// <summary>The listener closed the connection: an orderly close, or a reset when it did not read what was sent.</summary>
    private static async Task<bool> ClosedAsync(Socket socket)
    {
        try
        {
            return await socket.ReceiveAsync(new byte[16], SocketFlags.None).WaitAsync(Patience) == 0;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    [Fact]
    public async Task The_announced_stream_reaches_its_answer()
    {
        var (listener, bound) = await StartAsync();
        using var expected = listener.Expect(Guid.NewGuid());
        using var client = await ConnectAsync(bound, expected.Id);

        using var server = await expected.Connected.WaitAsync(Patience);
        await client.SendAsync(AudioSocketFrame.Silence, SocketFlags.None);
        var received = new byte[AudioSocketFrame.Silence.Length];
        Assert.Equal(received.Length, await server.ReceiveAsync(received, SocketFlags.None).WaitAsync(Patience));
        await listener.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_stream_nobody_announced_is_closed()
    {
        var (listener, bound) = await StartAsync();
        using var expected = listener.Expect(Guid.NewGuid());
        using var stranger = await ConnectAsync(bound, Guid.NewGuid());

        Assert.True(await ClosedAsync(stranger));
        Assert.False(expected.Connected.IsCompleted);
        await listener.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_stream_announced_once_cannot_be_taken_twice()
    {
        var (listener, bound) = await StartAsync();
        using var expected = listener.Expect(Guid.NewGuid());
        using var first = await ConnectAsync(bound, expected.Id);
        using var taken = await expected.Connected.WaitAsync(Patience);

        using var second = await ConnectAsync(bound, expected.Id);
        Assert.True(await ClosedAsync(second));
        await listener.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_stream_that_arrives_after_its_answer_gave_up_is_closed()
    {
        // Asterisk connected just after the capture stopped waiting (and went on with RECORD FILE): nobody reads it.
        var (listener, bound) = await StartAsync();
        var expected = listener.Expect(Guid.NewGuid());
        using var late = await ConnectAsync(bound, expected.Id);
        await expected.Connected.WaitAsync(Patience);

        expected.Dispose();
        Assert.True(await ClosedAsync(late));
        await listener.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_client_outside_the_allowed_clients_is_refused()
    {
        var (listener, bound) = await StartAsync("10.11.12.13");
        using var expected = listener.Expect(Guid.NewGuid());
        using var client = await ConnectAsync(bound, expected.Id);

        Assert.True(await ClosedAsync(client));
        Assert.False(expected.Connected.IsCompleted);
        await listener.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_flood_of_idle_connections_is_cut_to_the_pending_cap_and_a_callers_answer_still_gets_through()
    {
        // The name timeout is long here, so only the cap can close the idle ones within the test.
        var (listener, bound) = await StartAsync(new FastAgiOptions { MaxPendingConnections = 20 }, TimeSpan.FromMinutes(2));
        var idle = new List<Socket>();
        try
        {
            await OpenIdleAsync(bound, idle, 60);

            await Task.Delay(TimeSpan.FromSeconds(1.5)); // every idle one is past the second an eviction waits for
            using var expected = listener.Expect(Guid.NewGuid());
            using var client = await ConnectAsync(bound, expected.Id);
            using var server = await expected.Connected.WaitAsync(Patience);

            // The oldest idle ones were closed to make room: at most 19 are left beside the answer.
            var closed = await Task.WhenAll(idle.Select(ClosedWithinAsync));
            Assert.InRange(closed.Count(c => c), 41, 60);
            Assert.True(closed.Take(41).All(c => c), "the oldest go first");
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
            await listener.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task However_fast_a_flood_comes_no_more_than_MaxUnnamed_connections_wait_to_name_their_stream()
    {
        // The default pending cap (500) and a long name timeout: only the hard cap can close these, all under a second old.
        var (listener, bound) = await StartAsync(new FastAgiOptions(), TimeSpan.FromMinutes(2));
        var idle = new List<Socket>();
        try
        {
            await OpenIdleAsync(bound, idle, 200);

            using var expected = listener.Expect(Guid.NewGuid());
            using var client = await ConnectAsync(bound, expected.Id);
            using var server = await expected.Connected.WaitAsync(Patience);

            // 201 connected, at most 63 idle ones left beside the answer: the oldest went first.
            var closed = await Task.WhenAll(idle.Select(ClosedWithinAsync));
            Assert.InRange(closed.Count(c => c), 200 - (AudioSocketListener.MaxUnnamed - 1), 200);
            Assert.True(closed.Take(200 - AudioSocketListener.MaxUnnamed).All(c => c), "the oldest go first");
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
            await listener.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_callers_stream_counts_among_the_FastAGI_connections_and_an_idle_one_makes_room_for_it()
    {
        // A FastAGI budget of 2, both taken by connections that never sent their environment block.
        var (fastAgi, book) = FastAgiWithBudget(2);
        using var disposed = fastAgi;
        using var idleAgi = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var youngerAgi = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        book.Admit(idleAgi, Stopwatch.GetTimestamp());
        book.Admit(youngerAgi, Stopwatch.GetTimestamp());
        var (listener, bound) = await StartAsync(new FastAgiOptions(), TimeSpan.FromSeconds(5), fastAgi);

        var expected = listener.Expect(Guid.NewGuid());
        using var client = await ConnectAsync(bound, expected.Id);
        using (var server = await expected.Connected.WaitAsync(Patience))
        {
            Assert.Throws<ObjectDisposedException>(() => idleAgi.Available); // the oldest idle one was closed for it
            Assert.Equal(0, youngerAgi.Available);
            Assert.Equal(2, book.Open);
        }

        expected.Dispose(); // the answer is over: its place goes back
        Assert.Equal(1, book.Open);
        await listener.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task At_the_FastAGI_limit_with_every_connection_a_call_a_callers_stream_is_closed_so_the_answer_is_recorded_instead()
    {
        var (fastAgi, book) = FastAgiWithBudget(1);
        using var disposed = fastAgi;
        using var call = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        book.Identified(book.Admit(call, Stopwatch.GetTimestamp())!);
        var (listener, bound) = await StartAsync(new FastAgiOptions(), TimeSpan.FromSeconds(5), fastAgi);

        using var expected = listener.Expect(Guid.NewGuid());
        using var client = await ConnectAsync(bound, expected.Id);

        // Closed at once (Asterisk's AudioSocket then fails and the capture records by RECORD FILE), never handed over.
        Assert.True(await ClosedAsync(client));
        Assert.False(expected.Connected.IsCompleted);
        Assert.Equal(0, call.Available);
        Assert.Equal(1, book.Open);
        await listener.StopAsync(CancellationToken.None);
    }

    /// <summary>A FastAGI server whose listener allows <paramref name="budget"/> connections (none open yet).</summary>
    private static (FastAgiServer Server, ConnectionBook<Socket> Book) FastAgiWithBudget(int budget)
    {
        var server = new FastAgiServer();
        var book = new ConnectionBook<Socket>(budget, maxPending: 500, evictAge: Stopwatch.Frequency, close: static socket => socket.Dispose());
        server.SetConnections(book);
        return (server, book);
    }

    /// <summary>Opens <paramref name="count"/> connections that never name a stream, into <paramref name="idle"/> as
    /// they open (so the caller's finally closes them whatever happens).</summary>
    private static async Task OpenIdleAsync(IPEndPoint bound, List<Socket> idle, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            idle.Add(socket);
            await socket.ConnectAsync(bound);
        }
    }

    /// <summary>Closed by the listener within a few seconds (false: still open after them).</summary>
    private static async Task<bool> ClosedWithinAsync(Socket socket)
    {
        try
        {
            return await socket.ReceiveAsync(new byte[16], SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(5)) == 0;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
