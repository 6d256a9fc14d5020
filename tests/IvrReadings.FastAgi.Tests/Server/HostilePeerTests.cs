using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IvrReadings.AsteriskSim;
using IvrReadings.FastAgi.Tests.Support;
using Microsoft.Extensions.Logging;

namespace IvrReadings.FastAgi.Tests.Server;

/// <summary>Peers that are no Asterisk (idle, silent, not reading, flooding, resetting): the server outlives them.</summary>
public sealed class HostilePeerTests
{
    private static readonly byte[] Environment = Encoding.ASCII.GetBytes(
        "agi_network: yes\nagi_network_script: test\nagi_channel: Local/x\nagi_uniqueid: 1.1\nagi_callerid: 7916\n\n");

    private static TestScripts Answering() => new TestScripts().Add("test", async (ch, ct) =>
    {
        await ch.AnswerAsync(ct);
        await ch.HangupAsync(ct);
    });

    /// <summary>True when the server closed <paramref name="socket"/> (EOF or reset) within <paramref name="within"/>.</summary>
    private static async Task<bool> ClosedByServerAsync(Socket socket, TimeSpan within)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(within);
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
                // Commands the server still sends; keep reading until it closes.
            }

            return true;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<Socket> ConnectAsync(IPEndPoint endpoint, int? receiveBuffer = null)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        if (receiveBuffer is { } size)
        {
            socket.ReceiveBufferSize = size;
        }

        await socket.ConnectAsync(endpoint);
        return socket;
    }

    [Fact]
    public async Task Idle_connections_past_the_pending_cap_make_room_and_a_real_call_is_served_at_once()
    {
        await using var server = await TestServer.StartAsync(Answering(), o =>
        {
            o.MaxPendingConnections = 20;
            o.EnvironmentTimeout = TimeSpan.FromMinutes(1); // only the cap is tested here
        });
        var idle = new List<Socket>();
        try
        {
            for (var i = 0; i < 200; i++)
            {
                idle.Add(await ConnectAsync(server.Endpoint));
            }

            // Connections idle for a second are fair game past the cap (a burst of real calls is not).
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            var watch = Stopwatch.StartNew();
            var call = await server.CallAsync(new SimCallOptions { Script = "test" });
            Assert.Equal(["ANSWER", "HANGUP"], call.Commands);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());

            // The oldest idle connections were closed to make room: at most the cap are left waiting.
            var closed = await Task.WhenAll(idle.Select(s => ClosedByServerAsync(s, TimeSpan.FromMilliseconds(500))));
            Assert.InRange(closed.Count(c => !c), 1, 20);
            // One line per burst, not one per connection.
            Assert.InRange(server.Logs.Entries.Count(e => e.Message.Contains("without a complete environment block", StringComparison.Ordinal)), 1, 3);
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task A_connection_that_sends_no_environment_is_closed_after_the_environment_timeout_not_the_command_timeout()
    {
        await using var server = await TestServer.StartAsync(Answering(), o =>
        {
            o.EnvironmentTimeout = TimeSpan.FromMilliseconds(300);
            o.CommandTimeout = TimeSpan.FromSeconds(60);
        });
        using var silent = await ConnectAsync(server.Endpoint);
        Assert.True(await ClosedByServerAsync(silent, TimeSpan.FromSeconds(10)), "a silent connection must not be held for the command timeout");
    }

    [Fact]
    public async Task A_peer_that_stops_reading_is_dropped_within_the_command_timeout()
    {
        var ended = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            try
            {
                // A command larger than both socket buffers (4 MiB at most here): its write only finishes if the peer reads.
                await ch.VerboseAsync(new string('x', 8 * 1024 * 1024), 1, ct);
                ended.TrySetResult(null);
            }
            catch (Exception ex)
            {
                ended.TrySetResult(ex);
                throw;
            }
        });
        await using var server = await TestServer.StartAsync(scripts, o =>
        {
            o.CommandTimeout = TimeSpan.FromSeconds(1);
            o.CallTimeout = TimeSpan.FromMinutes(30);
        });
        using var deaf = await ConnectAsync(server.Endpoint, receiveBuffer: 4096);
        await deaf.SendAsync(Environment);

        // Before: the command timeout was armed only once a write completed, and this one never does.
        var outcome = await ended.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(outcome is TimeoutException,
            $"{outcome}\n{string.Join('\n', server.Logs.Entries.Select(e => e.Message.Length > 200 ? e.Message[..200] : e.Message))}");
        Assert.Contains(server.Logs.Entries, e => e.Message.Contains("could not be written", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replies_nobody_asked_for_are_logged_once_and_a_flood_closes_the_connection()
    {
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            await ch.AnswerAsync(ct);
            await Task.Delay(Timeout.Infinite, ch.HungUp).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await using var server = await TestServer.StartAsync(scripts);
        using var flood = await ConnectAsync(server.Endpoint);
        await flood.SendAsync(Environment);
        var answer = new byte[64];
        await flood.ReceiveAsync(answer); // ANSWER
        await flood.SendAsync("200 result=0\n"u8.ToArray());
        var lines = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("200 result=0\n", 10_000)));
        try
        {
            await flood.SendAsync(lines);
        }
        catch (SocketException)
        {
            // Closed by the server while the flood was still being written.
        }

        Assert.True(await ClosedByServerAsync(flood, TimeSpan.FromSeconds(10)));
        var logged = server.Logs.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Single(logged, m => m.StartsWith("Reply with no command waiting", StringComparison.Ordinal));
        Assert.Single(logged, m => m.StartsWith("Closing the connection", StringComparison.Ordinal));
        Assert.True(logged.Count <= 3, string.Join('\n', logged));
    }

    [Fact]
    public async Task A_connection_reset_while_a_command_is_written_is_an_ordinary_hangup_not_an_error()
    {
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            await ch.AnswerAsync(ct);
            // The handler runs on the call's read loop: while it is busy the reset is not read, only the write sees it.
            Thread.Sleep(500);
            await ch.NoopAsync(ct);
        });
        await using var server = await TestServer.StartAsync(scripts);
        using (var peer = await ConnectAsync(server.Endpoint))
        {
            await peer.SendAsync(Environment);
            var answer = new byte[64];
            await peer.ReceiveAsync(answer);
            await peer.SendAsync("200 result=0\n"u8.ToArray());
            peer.LingerState = new LingerOption(true, 0); // close with RST, as a dying Asterisk does
        }

        for (var i = 0; i < 400 && !server.Logs.Entries.Any(e => e.Message.StartsWith("Call ended", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(50);
        }

        Assert.Contains(server.Logs.Entries, e => e.Message.StartsWith("Call ended: hangup", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Peers_that_refuse_commands_with_510_or_520_end_their_calls_with_one_warning_per_burst_and_no_error()
    {
        await using var server = await TestServer.StartAsync(Answering());
        var replies = new[] { "510 Invalid or unknown command\n", "520 End of proper usage.\n", "520-Invalid command syntax.  Proper usage follows:\nUsage: ANSWER\n520 End of proper usage.\n" };
        for (var i = 0; i < 30; i++)
        {
            using var peer = await ConnectAsync(server.Endpoint);
            await peer.SendAsync(Environment);
            var answer = new byte[64];
            await peer.ReceiveAsync(answer); // ANSWER
            await peer.SendAsync(Encoding.ASCII.GetBytes(replies[i % replies.Length]));
            Assert.True(await ClosedByServerAsync(peer, TimeSpan.FromSeconds(10)));
        }

        for (var i = 0; i < 400 && server.Logs.Entries.Count(e => e.Message.StartsWith("Call ended", StringComparison.Ordinal)) < 30; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(30, server.Logs.Entries.Count(e => e.Message.StartsWith("Call ended: refused", StringComparison.Ordinal)));
        // Before: 30 times "AGI script handler failed" at Error, each with the exception's stack trace.
        Assert.DoesNotContain(server.Logs.Entries, e => e.Level >= LogLevel.Error || e.Exception is not null);
        var refused = server.Logs.Entries.Where(e => e.Message.StartsWith("The peer refused AGI command ANSWER: 5", StringComparison.Ordinal)).ToList();
        Assert.InRange(refused.Count, 1, 5); // one per 10 s burst, however slow the machine
        Assert.All(refused, e => Assert.Equal(LogLevel.Warning, e.Level));
    }

    [Fact]
    public async Task Digits_from_GET_DATA_that_are_no_keys_close_the_connection_as_a_protocol_error_not_a_failed_handler()
    {
        // The bench script says back what GET DATA returned; a fuzzed peer answered "200 result=12\r34" in the soak.
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            var data = await ch.GetDataAsync("beep", 5000, 10, ct);
            await ch.SayDigitsAsync(data.Digits, string.Empty, ct);
        });
        await using var server = await TestServer.StartAsync(scripts);
        foreach (var reply in new[] { "200 result=12\r34\n", "200 result=1x\n", "200 result=-5\n" })
        {
            using var peer = await ConnectAsync(server.Endpoint);
            await peer.SendAsync(Environment);
            var command = new byte[256];
            await peer.ReceiveAsync(command); // GET DATA
            await peer.SendAsync(Encoding.ASCII.GetBytes(reply));
            var said = new StringBuilder();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            int n;
            while ((n = await peer.ReceiveAsync(command, SocketFlags.None, timeout.Token)) > 0)
            {
                said.Append(Encoding.ASCII.GetString(command, 0, n));
                if (said.ToString().Contains('\n', StringComparison.Ordinal))
                {
                    await peer.SendAsync("200 result=0\n"u8.ToArray()); // SAY DIGITS of a well-formed answer
                    said.Clear();
                }
            }
        }

        // Each call's summary is written after its connection closed (up to 100 ms later, by a timer; seconds on a loaded
        // machine): waited for, 30 s at most. The protocol-error line of each call comes before its summary.
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(30)
             && server.Logs.Entries.Count(e => e.Message.StartsWith("Call ended", StringComparison.Ordinal)) < 3;)
        {
            await Task.Delay(50);
        }

        var ended = server.Logs.Entries.Where(e => e.Message.StartsWith("Call ended", StringComparison.Ordinal)).Select(e => e.Message).ToList();
        Assert.Equal(3, ended.Count);
        // Before: "AGI script handler failed" at Error with an ArgumentException's stack trace for the CR.
        Assert.DoesNotContain(server.Logs.Entries, e => e.Level >= LogLevel.Error || e.Exception is not null);
        // Each connection was closed as a protocol error. (The warning is one per 10 s burst for the whole process, so
        // another test's protocol error running at the same time may have taken this burst's line.)
        Assert.Equal(3, server.Logs.Entries.Count(e => e.Message == "Call closed by the server (protocol error)"));
        Assert.DoesNotContain(ended, m => m.StartsWith("Call ended: completed", StringComparison.Ordinal)); // "1x" is no reading to act on
    }

    [Fact]
    public async Task A_flood_of_connections_for_scripts_nobody_serves_costs_one_warning_per_burst()
    {
        await using var server = await TestServer.StartAsync(Answering());
        var unknown = Encoding.ASCII.GetBytes("agi_network: yes\nagi_network_script: no-such-script\nagi_uniqueid: 1.1\n\n");
        for (var i = 0; i < 30; i++)
        {
            using var peer = await ConnectAsync(server.Endpoint);
            await peer.SendAsync(unknown);
            Assert.True(await ClosedByServerAsync(peer, TimeSpan.FromSeconds(10)));
        }

        // Before: one warning per connection (30).
        Assert.InRange(server.Logs.Entries.Count(e => e.Message.StartsWith("No handler for AGI script no-such-script", StringComparison.Ordinal)), 1, 5);
    }
}
