using System.Buffers;
using System.Diagnostics.Metrics;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using IvrReadings.AsteriskSim;
using IvrReadings.FastAgi;
using IvrReadings.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IvrReadings.Benchmarks.Micro;

/// <summary>
/// The FastAGI hot path, with allocations per operation (MemoryDiagnoser): parsing a reply, writing a command, one
/// command round trip on a live channel, recording a command's duration in the metrics, and a whole bench call
/// (the <c>bench</c> script: 8 commands) on an in-memory socket pair. The fake Asterisk allocates nothing.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup].")]
public class FastAgiBenchmarks
{
    private static readonly byte[] Reply = "200 result=1 (timeout) endpos=12345\n"u8.ToArray();
    private static readonly byte[] DigitsReply = "200 result=0815\n"u8.ToArray();
    private static readonly AgiCommand StreamFile = new("STREAM FILE", "ivr-readings/welcome", AgiArgument.Quoted(string.Empty));
    private static readonly Histogram<double> Duration = IvrReadingsMeter.Instance.CreateHistogram<double>("ivr_bench_duration_seconds", "s");
    private static readonly KeyValuePair<string, object?> CommandTag = new("command", "STREAM FILE");

    private readonly ArrayBufferWriter<byte> _output = new(256);
    private string _directory = "";
    private AgiChannel? _channel;
    private FakeAsterisk? _peer;
    private ServiceProvider? _services;
    private IDisposable? _metrics;
    private Func<Socket, Task>? _handle;
    private FastAgiConnectionHandler? _handler;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("ivr-bench-").FullName;

        // The product's metrics pipeline listens, as in `serve`: a measurement costs what it costs there.
        _metrics = ProductMetrics.Start();

        // A live channel for the round trip.
        var (server, asterisk) = FakeAsterisk.Pair(Path.Combine(_directory, "rt.sock"));
        _peer = new FakeAsterisk(asterisk, sendEnvironment: false);
        var buffer = new ReadOnlySequence<byte>(FakeAsterisk.Environment);
        AgiEnvironmentParser.TryParse(ref buffer, 8192, out var environment);
        var socket = new AgiSocket(server, 8192);
        socket.Shrink();
        _channel = new AgiChannel(environment!, socket, NullLogger.Instance);
        _ = _channel.StartReading();

        // The connection handler for whole calls, with the bench script.
        _services = new ServiceCollection()
            .AddLogging()
            .AddFastAgi(o => o.MaxConcurrentCalls = 100)
            .AddAgiScript<BenchScriptHandler>(BenchScriptHandler.ScriptName)
            .BuildServiceProvider();
        _handler = new FastAgiConnectionHandler(_services);
        var handler = _handler;
        _handle = socket => handler.HandleAsync(socket);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _channel?.CloseAsync().GetAwaiter().GetResult();
        _peer?.Dispose();
        _handler?.Dispose();
        _services?.Dispose();
        _metrics?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public AgiResponse ParseReply()
    {
        var buffer = new ReadOnlySequence<byte>(Reply);
        AgiResponseParser.TryParse(ref buffer, 8192, out var message);
        return message.Response;
    }

    [Benchmark]
    public AgiResponse ParseDigitsReply()
    {
        var buffer = new ReadOnlySequence<byte>(DigitsReply);
        AgiResponseParser.TryParse(ref buffer, 8192, out var message);
        return message.Response;
    }

    [Benchmark]
    public int WriteCommand()
    {
        _output.ResetWrittenCount();
        StreamFile.Write(_output);
        return _output.WrittenCount;
    }

    [Benchmark]
    public void RecordMeasurement() => Duration.Record(0.000123, CommandTag);

    /// <summary>One command written to the socket and its reply parsed and handed back (the channel's send path).</summary>
    /// <remarks>The channel's own ValueTask is returned as is: an async wrapper here would add its own task per call.</remarks>
    [Benchmark]
    public ValueTask<AgiResponse> CommandRoundTrip() => _channel!.SendAsync(StreamFile, false, TimeSpan.Zero, CancellationToken.None);

    /// <summary>A whole bench call: connect, environment block, 8 commands and replies, close.</summary>
    [Benchmark]
    public async Task BenchCall()
    {
        var (server, asterisk) = FakeAsterisk.Pair(Path.Combine(_directory, "call.sock"));
        using var peer = new FakeAsterisk(asterisk, sendEnvironment: true);
        await _handle!(server).ConfigureAwait(false);
        peer.Join();
    }
}
