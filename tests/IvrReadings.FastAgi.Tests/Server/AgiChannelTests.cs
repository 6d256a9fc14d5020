using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace IvrReadings.FastAgi.Tests.Server;

/// <summary>The channel over a real loopback connection, where the test plays Asterisk byte by byte.</summary>
public sealed class AgiChannelTests
{
    /// <summary>The Asterisk end of the connection.</summary>
    private sealed class AsteriskEnd(Socket socket) : IDisposable
    {
        private readonly byte[] _buffer = new byte[16384];

        /// <summary>The next command the channel sent.</summary>
        public async Task<string> ReadSentAsync()
        {
            var received = await socket.ReceiveAsync(_buffer, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(10));
            return Encoding.UTF8.GetString(_buffer, 0, received);
        }

        /// <summary>True when nothing was sent within a moment (loopback delivers at once).</summary>
        public async Task<bool> NothingSentAsync()
        {
            await Task.Delay(100);
            return socket.Available == 0;
        }

        public async Task WriteAsync(byte[] bytes) => await socket.SendAsync(bytes, SocketFlags.None);

        public Task ReplyAsync(string text) => WriteAsync(Encoding.UTF8.GetBytes(text));

        /// <summary>Asterisk closes its side (FIN).</summary>
        public void Close() => socket.Shutdown(SocketShutdown.Send);

        public void Dispose() => socket.Dispose();
    }

    private static async Task<(AgiChannel Channel, AsteriskEnd Asterisk)> CreateAsync(TimeSpan? commandTimeout = null)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var asterisk = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await asterisk.ConnectAsync(listener.LocalEndPoint!);
        var app = await listener.AcceptAsync();
        var environment = new AgiEnvironment(new Dictionary<string, string> { ["agi_network_script"] = "test", ["agi_uniqueid"] = "1.1" });
        var channel = new AgiChannel(environment, new AgiSocket(app, 8192), NullLogger.Instance, 8192, commandTimeout);
        _ = channel.StartReading();
        return (channel, new AsteriskEnd(asterisk));
    }

    [Fact]
    public async Task Only_one_command_is_in_flight_at_a_time()
    {
        var (channel, asterisk) = await CreateAsync();
        using var _ = asterisk;

        var first = channel.NoopAsync();
        var second = channel.VerboseAsync("second");
        Assert.Equal("NOOP\n", await asterisk.ReadSentAsync());
        Assert.True(await asterisk.NothingSentAsync()); // the second command waits for the first reply

        await asterisk.ReplyAsync("200 result=0\n");
        await first;
        Assert.Equal("VERBOSE \"second\" 1\n", await asterisk.ReadSentAsync());
        await asterisk.ReplyAsync("200 result=1\n");
        await second;
    }

    [Fact]
    public async Task A_cancelled_command_keeps_the_next_one_from_taking_its_late_reply()
    {
        var (channel, asterisk) = await CreateAsync();
        using var _ = asterisk;
        using var cancel = new CancellationTokenSource();

        var abandoned = channel.GetVariableAsync("SLOW", cancel.Token);
        Assert.Equal("GET VARIABLE SLOW\n", await asterisk.ReadSentAsync());
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        var next = channel.GetVariableAsync("NEXT");
        Assert.True(await asterisk.NothingSentAsync());
        await asterisk.ReplyAsync("200 result=1 (late)\n");
        Assert.Equal("GET VARIABLE NEXT\n", await asterisk.ReadSentAsync());
        await asterisk.ReplyAsync("200 result=1 (mine)\n");
        Assert.Equal("mine", await next);
    }

    [Fact]
    public async Task A_reply_split_into_single_bytes_is_assembled()
    {
        var (channel, asterisk) = await CreateAsync();
        using var _ = asterisk;

        var stream = channel.StreamFileAsync("digits/5", "#");
        Assert.Equal("STREAM FILE digits/5 \"#\"\n", await asterisk.ReadSentAsync());
        foreach (var b in "200 result=35 endpos=13440\n"u8.ToArray())
        {
            await asterisk.WriteAsync([b]);
            await Task.Delay(1); // one read per byte, as far as the kernel allows
        }

        Assert.Equal(new StreamFileResult('#', 13440, false), await stream);
    }

    [Fact]
    public async Task A_too_long_line_is_a_protocol_error_that_ends_the_call()
    {
        var (channel, asterisk) = await CreateAsync();
        using var _ = asterisk;

        var noop = channel.NoopAsync();
        await asterisk.ReadSentAsync();
        await asterisk.WriteAsync(new byte[10_000]);

        await Assert.ThrowsAsync<CallHungUpException>(() => noop);
        Assert.True(channel.IsHungUp);
        Assert.Equal("protocol error", channel.HangupReason);
    }

    [Fact]
    public async Task Socket_close_fails_the_pending_command_as_a_hangup()
    {
        var (channel, asterisk) = await CreateAsync();
        using var _ = asterisk;

        var wait = channel.WaitForDigitAsync(5000);
        await asterisk.ReadSentAsync();
        asterisk.Close();

        await Assert.ThrowsAsync<CallHungUpException>(() => wait);
        Assert.True(channel.HungUp.IsCancellationRequested || channel.IsHungUp);
        await Assert.ThrowsAsync<CallHungUpException>(() => channel.NoopAsync());
    }

    [Fact]
    public async Task A_reply_that_never_comes_times_out_and_closes_the_session()
    {
        var (channel, asterisk) = await CreateAsync(TimeSpan.FromMilliseconds(100));
        using var _ = asterisk;

        var silent = channel.VerboseAsync("nobody answers");
        await Assert.ThrowsAsync<TimeoutException>(() => silent);
        Assert.True(channel.CommandTimedOut);
        Assert.True(channel.IsHungUp);
        await Assert.ThrowsAsync<CallHungUpException>(() => channel.NoopAsync());
    }
}
