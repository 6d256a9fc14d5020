using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace IvrReadings.FastAgi.Tests.Server;

/// <summary>The channel over in-memory pipes, where the test plays Asterisk byte by byte.</summary>
public sealed class AgiChannelTests
{
    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    private static (AgiChannel Channel, PipeWriter ToApp, PipeReader FromApp) Create(TimeSpan? commandTimeout = null)
    {
        var toApp = new Pipe();
        var fromApp = new Pipe();
        var environment = new AgiEnvironment(new Dictionary<string, string> { ["agi_network_script"] = "test", ["agi_uniqueid"] = "1.1" });
        var channel = new AgiChannel(environment, new Duplex(toApp.Reader, fromApp.Writer), NullLogger.Instance, () => toApp.Writer.Complete(),
            8192, commandTimeout);
        _ = channel.StartReading();
        return (channel, toApp.Writer, fromApp.Reader);
    }

    private static async Task<string> ReadSentAsync(PipeReader fromApp)
    {
        var result = await fromApp.ReadAsync();
        var text = Encoding.UTF8.GetString(result.Buffer);
        fromApp.AdvanceTo(result.Buffer.End);
        return text;
    }

    private static async Task ReplyAsync(PipeWriter toApp, string text) => await toApp.WriteAsync(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Only_one_command_is_in_flight_at_a_time()
    {
        var (channel, toApp, fromApp) = Create();

        var first = channel.NoopAsync();
        var second = channel.VerboseAsync("second");
        Assert.Equal("NOOP\n", await ReadSentAsync(fromApp));
        Assert.False(fromApp.TryRead(out _)); // the second command waits for the first reply

        await ReplyAsync(toApp, "200 result=0\n");
        await first;
        Assert.Equal("VERBOSE \"second\" 1\n", await ReadSentAsync(fromApp));
        await ReplyAsync(toApp, "200 result=1\n");
        await second;
    }

    [Fact]
    public async Task A_cancelled_command_keeps_the_next_one_from_taking_its_late_reply()
    {
        var (channel, toApp, fromApp) = Create();
        using var cancel = new CancellationTokenSource();

        var abandoned = channel.GetVariableAsync("SLOW", cancel.Token);
        Assert.Equal("GET VARIABLE SLOW\n", await ReadSentAsync(fromApp));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        var next = channel.GetVariableAsync("NEXT");
        Assert.False(fromApp.TryRead(out _));
        await ReplyAsync(toApp, "200 result=1 (late)\n");
        Assert.Equal("GET VARIABLE NEXT\n", await ReadSentAsync(fromApp));
        await ReplyAsync(toApp, "200 result=1 (mine)\n");
        Assert.Equal("mine", await next);
    }

    [Fact]
    public async Task A_reply_split_into_single_bytes_is_assembled()
    {
        var (channel, toApp, fromApp) = Create();

        var stream = channel.StreamFileAsync("digits/5", "#");
        Assert.Equal("STREAM FILE digits/5 \"#\"\n", await ReadSentAsync(fromApp));
        foreach (var b in "200 result=35 endpos=13440\n"u8.ToArray())
        {
            await toApp.WriteAsync(new[] { b });
        }

        Assert.Equal(new StreamFileResult('#', 13440, false), await stream);
    }

    [Fact]
    public async Task A_too_long_line_is_a_protocol_error_that_ends_the_call()
    {
        var (channel, toApp, fromApp) = Create();

        var noop = channel.NoopAsync();
        await ReadSentAsync(fromApp);
        await toApp.WriteAsync(new byte[10_000]);

        await Assert.ThrowsAsync<CallHungUpException>(() => noop);
        Assert.True(channel.IsHungUp);
        Assert.Equal("protocol error", channel.HangupReason);
    }

    [Fact]
    public async Task Socket_close_fails_the_pending_command_as_a_hangup()
    {
        var (channel, toApp, fromApp) = Create();

        var wait = channel.WaitForDigitAsync(5000);
        await ReadSentAsync(fromApp);
        await toApp.CompleteAsync();

        await Assert.ThrowsAsync<CallHungUpException>(() => wait);
        Assert.True(channel.HungUp.IsCancellationRequested || channel.IsHungUp);
        await Assert.ThrowsAsync<CallHungUpException>(() => channel.NoopAsync());
    }

    [Fact]
    public async Task A_reply_that_never_comes_times_out_and_closes_the_session()
    {
        var (channel, toApp, fromApp) = Create(TimeSpan.FromMilliseconds(100));

        var silent = channel.VerboseAsync("nobody answers");
        await Assert.ThrowsAsync<TimeoutException>(() => silent);
        Assert.True(channel.CommandTimedOut);
        Assert.True(channel.IsHungUp);
        await Assert.ThrowsAsync<CallHungUpException>(() => channel.NoopAsync());
    }
}
