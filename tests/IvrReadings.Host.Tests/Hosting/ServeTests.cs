using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using IvrReadings.AsteriskSim;
using IvrReadings.Host.Tests.Support;

namespace IvrReadings.Host.Tests.Hosting;

/// <summary>The real <c>serve</c> process: both listeners, /health, graceful shutdown.</summary>
public sealed class ServeTests
{
    [Fact]
    public async Task Serve_listens_for_fastagi_and_http_and_health_reports_each_part()
    {
        using var cli = new CliProcess();
        var http = CliProcess.FreePort();
        var agi = CliProcess.FreePort();
        using var server = cli.Start(["serve", $"--Console:Urls=http://127.0.0.1:{http}", $"--FastAgi:Listen=127.0.0.1:{agi}"]);
        try
        {
            var (status, body) = await WaitForHealthAsync(http, until: HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.OK, status);
            using var json = JsonDocument.Parse(body);
            var checks = json.RootElement.GetProperty("checks");
            Assert.True(checks.GetProperty("fastagi").GetProperty("healthy").GetBoolean());
            Assert.Contains($"127.0.0.1:{agi}", checks.GetProperty("fastagi").GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(checks.GetProperty("database").GetProperty("healthy").GetBoolean());
            // No model is installed in tests: the voice line degrades to recording for staff, it does not fail.
            Assert.True(checks.TryGetProperty("speech", out _));

            // Through a proxy (even one on this host) only the status goes out, never the parts' details.
            using (var client = new HttpClient())
            {
                using var proxied = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{http}/health");
                proxied.Headers.Add("X-Forwarded-For", "203.0.113.9");
                var response = await client.SendAsync(proxied);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var outside = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.True(outside.RootElement.TryGetProperty("status", out _));
                Assert.False(outside.RootElement.TryGetProperty("checks", out _));
            }

            // The FastAGI port speaks AGI: an unknown script is closed so the dialplan continues.
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, agi);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.UTF8.GetBytes(
                "agi_network: yes\nagi_network_script: nosuchscript\nagi_uniqueid: 1.1\nagi_channel: Local/x\n\n"));
            var buffer = new byte[256];
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            Assert.Equal(0, await stream.ReadAsync(buffer, cts.Token));
        }
        finally
        {
            await StopAsync(server);
        }
    }

    [Fact]
    public async Task Serve_answers_the_load_test_scripts_only_when_started_with_bench()
    {
        using var cli = new CliProcess();
        var http = CliProcess.FreePort();
        var agi = CliProcess.FreePort();
        string[] serve = ["serve", $"--Console:Urls=http://127.0.0.1:{http}", $"--FastAgi:Listen=127.0.0.1:{agi}"];
        string[] loadtest = ["loadtest", "--server", $"127.0.0.1:{agi}", "--calls", "3", "--concurrency", "1"];

        using (var production = cli.Start(serve))
        {
            try
            {
                await WaitForHealthAsync(http, until: HttpStatusCode.OK);
                var call = await SimulatedCall.RunAsync(new IPEndPoint(IPAddress.Loopback, agi), new SimCallOptions { Script = "bench" },
                    CallerScript.Create().Press("123#"));
                Assert.Empty(call.Commands); // closed unanswered: the dialplan goes on
                Assert.Equal(SimEndReason.AppClosed, call.EndReason);

                var refused = await cli.RunAsync(null, loadtest);
                Assert.Equal(4, refused.ExitCode);
                Assert.Contains("serve --bench", refused.Stderr, StringComparison.Ordinal);
            }
            finally
            {
                await StopAsync(production);
            }
        }

        // Fresh ports: the first server's closed calls may still hold its FastAGI port in TIME_WAIT.
        http = CliProcess.FreePort();
        agi = CliProcess.FreePort();
        serve = ["serve", $"--Console:Urls=http://127.0.0.1:{http}", $"--FastAgi:Listen=127.0.0.1:{agi}"];
        loadtest = ["loadtest", "--server", $"127.0.0.1:{agi}", "--calls", "3", "--concurrency", "1"];
        using var bench = cli.Start([.. serve, "--bench"]);
        try
        {
            await WaitForHealthAsync(http, until: HttpStatusCode.OK);
            var call = await SimulatedCall.RunAsync(new IPEndPoint(IPAddress.Loopback, agi), new SimCallOptions { Script = "bench" },
                CallerScript.Create().Press("123#"));
            Assert.Equal(BenchScriptHandler.ExpectedCommands("123"), call.Commands);

            var measured = await cli.RunAsync(null, loadtest);
            Assert.True(measured.ExitCode == 0, measured.Stdout + measured.Stderr);
            Assert.Contains("3/3 completed", measured.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await StopAsync(bench);
        }
    }

    [Fact]
    public async Task Health_fails_with_503_when_the_database_is_unreachable()
    {
        using var cli = new CliProcess();
        var http = CliProcess.FreePort();
        var deadPort = CliProcess.FreePort();
        cli.Environment["Database__Provider"] = "postgres";
        cli.Environment["Database__ConnectionString"] = $"Host=127.0.0.1;Port={deadPort};Username=x;Password=x;Database=x;Timeout=2";
        cli.Environment["Database__MigrateOnStart"] = "false";
        cli.Environment["Database__AutoFill"] = "false";
        using var server = cli.Start(["serve", $"--Console:Urls=http://127.0.0.1:{http}", $"--FastAgi:Listen=127.0.0.1:{CliProcess.FreePort()}"]);
        try
        {
            var (status, body) = await WaitForHealthAsync(http);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            using var json = JsonDocument.Parse(body);
            Assert.Equal("failing", json.RootElement.GetProperty("status").GetString());
            Assert.False(json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("healthy").GetBoolean());
        }
        finally
        {
            await StopAsync(server);
        }
    }

    /// <summary>
    /// The first answer of <c>/health</c> once the server listens, or with <paramref name="until"/> the first answer with
    /// that status (else the last one after 3 minutes): a fresh process on a machine running the whole suite may answer
    /// its first checks late or unhealthy (the database's first open past the caller's 3 s) before it settles. Each
    /// request may take 30 s.
    /// </summary>
    internal static async Task<(HttpStatusCode Status, string Body)> WaitForHealthAsync(int port, HttpStatusCode? until = null)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        var limit = TimeSpan.FromMinutes(3);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                var answer = (response.StatusCode, await response.Content.ReadAsStringAsync());
                if (until is not { } wanted || response.StatusCode == wanted || deadline.Elapsed > limit)
                {
                    return answer;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && deadline.Elapsed < limit)
            {
                // Not listening yet, or no answer yet: ask again.
            }

            await Task.Delay(200);
        }
    }

    /// <summary>SIGTERM, as systemd would send: the host stops gracefully and exits 0.</summary>
    internal static async Task StopAsync(Process server)
    {
        if (server.HasExited)
        {
            Assert.Fail($"serve exited early with {server.ExitCode}: {await server.StandardError.ReadToEndAsync()}");
        }

        using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await server.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            server.Kill(entireProcessTree: true);
            Assert.Fail("serve did not stop within 30 s of SIGTERM");
        }

        Assert.Equal(0, server.ExitCode);
    }
}
