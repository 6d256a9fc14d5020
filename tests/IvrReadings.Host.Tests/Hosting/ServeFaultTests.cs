using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IvrReadings.AsteriskSim;
using IvrReadings.Host.Tests.Support;
using IvrReadings.Testing;
using Npgsql;

namespace IvrReadings.Host.Tests.Hosting;

/// <summary>
/// The real <c>serve</c> process on a bad day: out of file descriptors under a flood of idle connections, and its
/// PostgreSQL frozen (through a <see cref="TcpProxy"/>: the shared test server itself is never stopped).
/// </summary>
public sealed class ServeFaultTests : INeedsPostgres
{
    // The window is open every day: the calls below must reach the readings whatever today's date.
    private static readonly string[] OpenWindow = ["--Organisation:WindowFirstDay=1", "--Organisation:WindowLastDay=31"];

    private static CallerScript StandardCall() => CallerScript.Create()
        .Press("2").Press("1234567#").Press("1").Press("2").Press("1").Press("420#").Press("1").Press("2");

    [Fact]
    public async Task Limited_to_1024_descriptors_under_3000_idle_connections_the_server_stays_up_and_serves_a_call_at_once() =>
        await UnderFloodAsync(ports => [ports.Agi], 3000, async (ports, log, flooding, idle) =>
        {
            Assert.Equal(HttpStatusCode.OK, (await ServeTests.WaitForHealthAsync(ports.Http, until: HttpStatusCode.OK)).Status);
            // One line per 10 s burst of closed idle connections (however many), from the first close to now: a loaded
            // machine takes longer to open the 3,000 connections, and so logs more bursts, never a line per connection.
            var bursts = (int)(flooding.Elapsed.TotalSeconds / 10) + 2;
            var closedLines = log.Count(line => line.Contains("without a complete environment block", StringComparison.Ordinal));
            Assert.True(closedLines <= bursts, $"{closedLines} lines about idle connections in {flooding.Elapsed} (at most {bursts})");
        });

    [Fact]
    public async Task Limited_to_1024_descriptors_under_3000_idle_console_connections_the_server_stays_up_and_serves_a_call_at_once() =>
        // A stuck proxy or a flood on the console's port: connections that never send a request. Kestrel keeps each for
        // its request-headers timeout (30 s), so without a cap (Console:MaxConnections) they take the descriptors calls need.
        await UnderFloodAsync(ports => [ports.Http], 3000, async (ports, log, flooding, idle) =>
        {
            // The refusals are counted in a line per 10 s burst, not a warning per connection (Kestrel's own).
            // (The console log is written up to 200 ms after the line.)
            var logged = Stopwatch.StartNew();
            while (!log.Any(line => line.Contains("Console:MaxConnections 100 reached", StringComparison.Ordinal)))
            {
                Assert.True(logged.Elapsed < TimeSpan.FromSeconds(10), "no line about the console's connection limit");
                await Task.Delay(100);
            }

            var bursts = (int)(flooding.Elapsed.TotalSeconds / 10) + 2;
            var refusedLines = log.Count(line => line.Contains("Console:MaxConnections", StringComparison.Ordinal) || line.Contains("rejected because", StringComparison.Ordinal));
            Assert.True(refusedLines <= bursts, $"{refusedLines} lines about refused console connections in {flooding.Elapsed} (at most {bursts})");
            // Meanwhile a monitor on the monitoring port is answered at once: its connections are capped apart
            // (Console:MonitorUrls); the rest of the console is not served there.
            using (var monitor = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
            {
                using var health = await monitor.GetAsync(new Uri($"http://127.0.0.1:{ports.Monitor}/health"));
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                using var signIn = await monitor.GetAsync(new Uri($"http://127.0.0.1:{ports.Monitor}/login"));
                Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
            }

            // Once the flood is gone the console answers again.
            idle.ForEach(s => s.Dispose());
            Assert.Equal(HttpStatusCode.OK, (await ServeTests.WaitForHealthAsync(ports.Http, until: HttpStatusCode.OK)).Status);
        });

    [Fact]
    public async Task Limited_to_1024_descriptors_under_idle_floods_on_both_call_ports_the_server_stays_up_and_serves_a_call_at_once() =>
        // FastAGI's connections stay within the descriptors not kept in reserve; AudioSocket's unnamed ones come out of
        // the reserve, so they are capped too (AudioSocketListener.MaxUnnamed).
        await UnderFloodAsync(ports => [ports.Agi, ports.Audio], 1500, (_, _, _, _) => Task.CompletedTask);

    private sealed record Ports(int Http, int Agi, int Audio, int Monitor);

    /// <summary>
    /// <c>serve</c> limited to 1,024 descriptors, <paramref name="perPort"/> idle connections opened to each port that
    /// <paramref name="flood"/> names; then a standard call must be served at once, the server stay up and accept never
    /// fail (the descriptors in reserve; a full table would log every 100 ms), and <paramref name="check"/> holds.
    /// </summary>
    private static async Task UnderFloodAsync(Func<Ports, int[]> flood, int perPort,
        Func<Ports, ConcurrentQueue<string>, Stopwatch, List<Socket>, Task> check)
    {
        using var cli = new CliProcess();
        var seeded = await cli.RunAsync(null, "demo-data");
        Assert.True(seeded.ExitCode == 0, $"demo-data exited with {seeded.ExitCode}: {seeded.Stdout}\n{seeded.Stderr}");
        var ports = new Ports(CliProcess.FreePort(), CliProcess.FreePort(), CliProcess.FreePort(), CliProcess.FreePort());
        using var server = cli.Start(["serve", $"--Console:Urls=http://127.0.0.1:{ports.Http}", $"--Console:MonitorUrls=http://127.0.0.1:{ports.Monitor}",
            $"--FastAgi:Listen=127.0.0.1:{ports.Agi}",
            $"--Voice:AudioSocketListen=127.0.0.1:{ports.Audio}", .. OpenWindow], wrapper: ["prlimit", "--nofile=1024:1024"]);
        var log = Collect(server);
        var idle = new List<Socket>();
        var flooding = Stopwatch.StartNew();
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await ServeTests.WaitForHealthAsync(ports.Http, until: HttpStatusCode.OK)).Status);
            flooding.Restart();
            for (var i = 0; i < perPort; i++)
            {
                foreach (var port in flood(ports))
                {
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    idle.Add(socket);
                    await socket.ConnectAsync(IPAddress.Loopback, port);
                }
            }

            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var watch = Stopwatch.StartNew();
            var call = await SimulatedCall.RunAsync(new IPEndPoint(IPAddress.Loopback, ports.Agi), new SimCallOptions { Query = "lang=ru" }, StandardCall(), limit.Token);

            Assert.Equal("done", call.Variables.GetValueOrDefault("IVR_RESULT"));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"served after {watch.Elapsed}");
            Assert.False(server.HasExited);
            Assert.DoesNotContain(log, line => line.Contains("accept failed", StringComparison.OrdinalIgnoreCase));
            await check(ports, log, flooding, idle);
        }
        catch (Exception ex)
        {
            // What the server said is the diagnosis: a failed check carries its log's tail.
            throw new InvalidOperationException($"{ex.Message}\n--- server log, last lines:\n{string.Join('\n', log.TakeLast(60))}", ex);
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
            await ServeTests.StopAsync(server);
        }
    }

    [StoreFact]
    public async Task A_frozen_database_gives_technical_problem_in_seconds_new_callers_their_greeting_and_health_an_answer()
    {
        await using var db = await PostgresTestDatabase.CreateAsync();
        var target = new NpgsqlConnectionStringBuilder(db.Options.ConnectionString);
        await using var proxy = new TcpProxy(new IPEndPoint(IPAddress.Parse(target.Host == "localhost" ? "127.0.0.1" : target.Host!), target.Port));
        using var cli = new CliProcess();
        cli.Environment["Database__Provider"] = "postgres";
        cli.Environment["Database__ConnectionString"] = proxy.Route(db.Options.ConnectionString!);
        // demo-data is bulk work under the staff deadline: the server's 2 s caller deadline does not bound it.
        var seeded = await cli.RunAsync(null, "demo-data", "--Database:CallerTimeoutSeconds=2");
        Assert.True(seeded.ExitCode == 0, $"demo-data exited with {seeded.ExitCode}: {seeded.Stdout}\n{seeded.Stderr}");
        var http = CliProcess.FreePort();
        var agi = new IPEndPoint(IPAddress.Loopback, CliProcess.FreePort());
        using var server = cli.Start(["serve", $"--Console:Urls=http://127.0.0.1:{http}", $"--FastAgi:Listen={agi}", "--Database:CallerTimeoutSeconds=2", .. OpenWindow]);
        var log = Collect(server);
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await ServeTests.WaitForHealthAsync(http, until: HttpStatusCode.OK)).Status);

            // A caller is keying a reading when the database freezes.
            var thinking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var first = new Timeline("GET DATA ivr-readings/reading", thinking);
            var caller = CallerScript.Create().Press("2").Press("1234567#").Press("1").Press("2").Press("1")
                .Hold(release.Task).Press("420#").Press("1").Press("2");
            var call = SimulatedCall.RunAsync(agi, new SimCallOptions { Query = "lang=ru", CallerId = "79160000001", Observer = first }, caller);
            await thinking.Task.WaitAsync(TimeSpan.FromSeconds(30));
            proxy.Freeze();

            var confirmed = Stopwatch.GetTimestamp();
            release.SetResult();
            var result = await call.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(result.Played.Contains("ivr-readings/technical-problem"), string.Join('\n', result.Commands) + "\n" + string.Join('\n', log));
            var toApology = first.Elapsed("ivr-readings/technical-problem", confirmed);
            // A 2 s deadline on the store; before, 75 s of silence (each call-log write waited on the frozen database).
            Assert.True(toApology < TimeSpan.FromSeconds(6), $"technical problem after {toApology}");

            // A new caller hears the greeting at once (the call log waits in its queue), and then the apology.
            var second = new Timeline("-", new TaskCompletionSource());
            var started = Stopwatch.GetTimestamp();
            var next = await SimulatedCall.RunAsync(agi, new SimCallOptions { Query = "lang=ru", CallerId = "79160000002", Observer = second },
                CallerScript.Create().Press("2")).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(second.Elapsed("ivr-readings/welcome", started) < TimeSpan.FromSeconds(2), "greeting late");
            Assert.Contains("ivr-readings/technical-problem", next.Played);

            // Health answers, and tells the truth.
            var health = Stopwatch.StartNew();
            var (status, _) = await ServeTests.WaitForHealthAsync(http);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.True(health.Elapsed < TimeSpan.FromSeconds(5), $"/health took {health.Elapsed}");

            proxy.Thaw();
            var healthy = HttpStatusCode.ServiceUnavailable;
            for (var i = 0; i < 60 && healthy != HttpStatusCode.OK; i++)
            {
                await Task.Delay(500);
                healthy = (await ServeTests.WaitForHealthAsync(http)).Status;
            }

            Assert.Equal(HttpStatusCode.OK, healthy);
        }
        finally
        {
            proxy.Thaw();
            await ServeTests.StopAsync(server);
        }
    }

    /// <summary>Drains the process's output (a full pipe would block its logging) and keeps the lines.</summary>
    private static ConcurrentQueue<string> Collect(Process process)
    {
        var lines = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        return lines;
    }

    /// <summary>When each prompt started to play; completes <paramref name="seen"/> at a command starting with <paramref name="prefix"/>.</summary>
    private sealed class Timeline(string prefix, TaskCompletionSource seen) : ISimCallObserver
    {
        private readonly ConcurrentDictionary<string, long> _played = new();

        public void OnCommand(SimulatedCall call, string line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        }

        public void OnPlay(SimulatedCall call, string file, TimeSpan duration) => _played.TryAdd(file, Stopwatch.GetTimestamp());

        public TimeSpan Elapsed(string file, long since) =>
            _played.TryGetValue(file, out var at) ? Stopwatch.GetElapsedTime(since, at) : TimeSpan.MaxValue;
    }
}
