using System.Net;
using System.Text.Json;
using IvrReadings.AsteriskSim;
using IvrReadings.AsteriskSim.Phone;
using IvrReadings.Host.Tests.Support;

namespace IvrReadings.Host.Tests.Hosting;

/// <summary>The real <c>serve</c> process logging through Serilog as configured (here: an extra JSON file sink given on
/// the command line, as an operator would): every line of a call names the call, console requests are logged, and
/// what was logged is on disk when the process has stopped.</summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task Every_line_of_a_call_carries_its_id_and_channel_and_console_requests_are_logged()
    {
        using var cli = new CliProcess();
        Assert.Equal(0, (await cli.RunAsync(null, "demo-data")).ExitCode);
        var http = CliProcess.FreePort();
        var agi = CliProcess.FreePort();
        var log = Path.Combine(cli.WorkDir, "log.json");
        using var server = cli.Start([
            "serve", $"--Console:Urls=http://127.0.0.1:{http}", $"--FastAgi:Listen=127.0.0.1:{agi}",
            "--Organisation:WindowFirstDay=1", "--Organisation:WindowLastDay=31", // any day of the month
            "--Serilog:WriteTo:1:Name=File", $"--Serilog:WriteTo:1:Args:path={log}",
            "--Serilog:WriteTo:1:Args:formatter=Serilog.Formatting.Compact.CompactJsonFormatter, Serilog.Formatting.Compact",
        ]);
        const string channel = "PJSIP/trunk-00000042";
        try
        {
            await ServeTests.WaitForHealthAsync(http);
            var call = await SimulatedCall.RunAsync(new IPEndPoint(IPAddress.Loopback, agi),
                new SimCallOptions { Channel = channel, Query = "lang=ru" },
                PhoneSimulator.ScriptedCaller("2 1234567# 1 1 6116# 2020# 1 2"));
            Assert.Equal("done", call.Variables["IVR_RESULT"]);
            using var client = new HttpClient();
            using var page = await client.GetAsync(new Uri($"http://127.0.0.1:{http}/login"));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        finally
        {
            await ServeTests.StopAsync(server); // SIGTERM: the host stops and the logger is flushed
        }

        var events = (await File.ReadAllLinesAsync(log)).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        // At Information a call opens with its handler's line and closes with the server's summary (the server's own
        // "Call started" is at Debug: one line fewer per call).
        var started = events.FindIndex(e => Template(e) == "Readings call {CallId} from {CallerId} in {Language}, window open {WindowOpen}");
        var ended = events.FindIndex(e => Template(e) == "Call ended: {Outcome} after {DurationMs} ms; script {Script}, caller {CallerId}, Asterisk id {AsteriskUniqueId}");
        Assert.True(started >= 0 && ended > started, "the call's first and last lines are logged");
        var callId = events[started].GetProperty("CallId").GetString();
        Assert.False(string.IsNullOrEmpty(callId));
        Assert.Equal("readings", events[ended].GetProperty("Script").GetString());
        Assert.False(string.IsNullOrEmpty(events[ended].GetProperty("AsteriskUniqueId").GetString()));

        // One call at a time here: every line of the server's call code between its first and last line is this call's.
        var callLines = events[started..(ended + 1)]
            .Where(e => Source(e) is { } source && (source == "IvrReadings.FastAgi" || source.StartsWith("IvrReadings.CallFlow", StringComparison.Ordinal)))
            .ToList();
        Assert.True(callLines.Count >= 4, $"{callLines.Count} lines");
        Assert.All(callLines, e =>
        {
            Assert.Equal(callId, e.TryGetProperty("CallId", out var id) ? id.GetString() : null);
            Assert.Equal(channel, e.TryGetProperty("Channel", out var c) ? c.GetString() : null);
        });

        // The shipped console log (BufferedConsole, from appsettings.json) has the summary too, written by the time the
        // process has stopped.
        var console = await server.StandardOutput.ReadToEndAsync();
        Assert.Contains($"INF {callId} Call ended: ", console, StringComparison.Ordinal);

        var requests = events.Where(e => Template(e)?.StartsWith("HTTP {RequestMethod} {RequestPath} responded", StringComparison.Ordinal) == true).ToList();
        Assert.Contains(requests, e => e.GetProperty("RequestPath").GetString() == "/login" && e.GetProperty("StatusCode").GetInt32() == 200);
        // Health polls (monitoring, and this test's wait) are below the configured level: no flood.
        Assert.DoesNotContain(requests, e => e.GetProperty("RequestPath").GetString() == "/health");
    }

    private static string? Template(JsonElement e) => e.TryGetProperty("@mt", out var mt) ? mt.GetString() : null;

    private static string? Source(JsonElement e) => e.TryGetProperty("SourceContext", out var s) ? s.GetString() : null;
}
