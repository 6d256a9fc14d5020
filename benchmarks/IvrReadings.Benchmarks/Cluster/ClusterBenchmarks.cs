using System.Diagnostics;
using System.Globalization;
using System.Net;
using IvrReadings.CallFlow.Timing;
using IvrReadings.Domain;
using IvrReadings.Storage;
using IvrReadings.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Benchmarks.Cluster;

/// <summary>
/// Two servers on one PostgreSQL against one, in the same run: <c>--concurrency</c> paced readings calls at once
/// (prompts take their real length from <c>sounds/ru</c>), split between the servers with the failover a dialplan
/// does; then the same with server A killed (<c>kill -9</c>) <c>--kill-after</c> seconds in; then the same load on
/// one server, for the ratios. Each phase on a fresh database and fresh server processes. Figures: calls/s, the commit as the
/// caller waits for it (confirm key to "accepted"), readings heard accepted that are missing from the database (must
/// be 0), the calls the kill cut off and how long until every cut-off caller was answered again. Options:
/// <c>--calls N</c> (accounts, one call each), <c>--concurrency N</c>, <c>--ramp S</c>, <c>--kill-after S</c>, <c>--sounds DIR</c>.
/// </summary>
public static class ClusterBenchmarks
{
    private static readonly Organisation Organisation = new OrganisationOptions { WindowFirstDay = 1, WindowLastDay = 31 }.ToOrganisation();

    public static async Task<int> RunAsync(string[] args)
    {
        var calls = Bench.Option(args, "--calls", 2000);
        var concurrency = Bench.Option(args, "--concurrency", 1000);
        var ramp = TimeSpan.FromSeconds(Bench.Option(args, "--ramp", 10));
        var killAfter = TimeSpan.FromSeconds(Bench.Option(args, "--kill-after", 15));
        var sounds = Bench.OptionText(args, "--sounds") ?? "sounds";
        var admin = Bench.PostgresConnection();
        if (admin is null)
        {
            await Console.Error.WriteLineAsync("cluster benchmark: no PostgreSQL (run scripts/postgres/start-test-server.sh or set IVR_TEST_POSTGRES)");
            return 2;
        }

        var durations = Durations(sounds);
        var accounts = Accounts(calls);
        Console.WriteLine($"cluster benchmark: {calls:N0} readings calls (2 meters each, ru prompts in real time), {concurrency:N0} at once, " +
            $"started over {ramp.TotalSeconds:0} s; {Environment.ProcessorCount} cores; load average {Bench.LoadAverage()}");
        var two = await PhaseAsync("two servers", admin, 2, null, accounts, concurrency, ramp, durations);
        var killed = await PhaseAsync("two servers", admin, 2, killAfter, accounts, concurrency, ramp, durations);
        var one = await PhaseAsync("one server", admin, 1, null, accounts, concurrency, ramp, durations);

        Console.WriteLine();
        Console.WriteLine($"ratios (two servers / one server, the same load in the same run): calls/s {two.CallsPerSecond / one.CallsPerSecond:0.00}, " +
            $"confirm->accepted p99 {two.CommitP99.TotalMilliseconds / one.CommitP99.TotalMilliseconds:0.00}, p50 {two.CommitP50.TotalMilliseconds / one.CommitP50.TotalMilliseconds:0.00}; " +
            $"with A killed: calls/s {killed.CallsPerSecond / one.CallsPerSecond:0.00}, p99 {killed.CommitP99.TotalMilliseconds / one.CommitP99.TotalMilliseconds:0.00}");
        var passed = two.Lost + killed.Lost + one.Lost == 0 && two.Failed + killed.Failed + one.Failed == 0 && two.CutOff + one.CutOff == 0;
        Console.WriteLine(passed ? "PASS" : "FAIL");
        return passed ? 0 : 4;
    }

    private static async Task<PhaseFigures> PhaseAsync(string name, string admin, int serverCount, TimeSpan? killAfter, IReadOnlyList<BenchAccount> accounts,
        int concurrency, TimeSpan ramp, Func<string, TimeSpan> durations)
    {
        Console.WriteLine();
        Console.WriteLine($"== {name}{(killAfter is { } k ? $", A killed (kill -9) {k.TotalSeconds:0} s in" : "")}");
        var database = "ivr_bench_cluster_" + serverCount + (killAfter is null ? "" : "_kill");
        var connection = await Bench.FreshPostgresAsync(admin, database);
        var options = new DatabaseOptions { Provider = "postgres", ConnectionString = connection, MigrateOnStart = false, AutoFill = false };
        await SeedAsync(options, accounts);

        var servers = new List<ServerProcess>();
        for (var i = 0; i < serverCount; i++)
        {
            servers.Add(ServerProcess.Start(((char)('a' + i)).ToString(), options, new Dictionary<string, string>
            {
                ["DOTNET_GCgen0size"] = Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "400000", // as ./ivr-readings sets it
                ["MALLOC_MMAP_THRESHOLD_"] = Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") ?? "65536", // likewise
                ["FastAgi__MaxConcurrentCalls"] = "4000",
            }));
        }

        try
        {
            await Task.WhenAll(servers.Select(s => s.WaitHealthyAsync()));
            var load = new ReadingLoad([.. servers.Select(s => s.Agi)], accounts, concurrency, ramp, durations);
            var running = load.RunAsync(CancellationToken.None);
            long killedAt = 0;
            var inProgressAtKill = 0;
            if (killAfter is { } after)
            {
                await Task.WhenAny(running, Task.Delay(after));
                inProgressAtKill = load.InProgress;
                killedAt = Stopwatch.GetTimestamp();
                await servers[0].KillAsync();
            }

            var run = await running;
            var figures = await FiguresAsync(run, options, killedAt);
            Report(figures, run, servers, killedAt, inProgressAtKill);
            return figures;
        }
        finally
        {
            foreach (var server in servers)
            {
                Directory.CreateDirectory(Path.Combine(".build", "bench"));
                await File.WriteAllLinesAsync(Path.Combine(".build", "bench", $"{database}-{server.Name}.log"), server.Log);
                await server.DisposeAsync();
            }

            await using var drop = new Npgsql.NpgsqlConnection(admin);
            await drop.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", drop);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<PhaseFigures> FiguresAsync(LoadRun run, DatabaseOptions options, long killedAt)
    {
        // Every reading a caller heard "accepted" for must be in the database.
        var stored = new HashSet<(string Serial, long Value)>();
        await using (var connection = new Npgsql.NpgsqlConnection(options.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT m.serial, r.value FROM readings r JOIN meters m ON m.id = r.meter_id", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        var heard = run.Calls.SelectMany(c => c.Call.HeardAccepted.Select((v, i) => (Serial: i == 0 ? c.Call.Account.ElectricitySerial : c.Call.Account.WaterSerial, Value: v))).ToList();
        var lost = heard.Count(h => !stored.Contains(h));
        var commits = run.Calls.SelectMany(c => c.Call.ConfirmToAccepted).Order().ToList();
        var completed = run.Calls.Count(c => c.Completed);

        // The kill: the calls it cut off, and for each of those callers the next call's answer (the line whole again).
        TimeSpan? whole = null;
        TimeSpan? lastCutOffEnded = null;
        if (killedAt != 0)
        {
            var cutOff = run.Calls.Where(c => c.CutOff && c.EndedAt >= killedAt).ToList();
            if (cutOff.Count > 0)
            {
                lastCutOffEnded = Stopwatch.GetElapsedTime(killedAt, cutOff.Max(c => c.EndedAt));
            }

            var answeredAgain = cutOff.Select(c => run.Calls.Where(n => n.Worker == c.Worker && n.PlacedAt >= c.EndedAt && n.Call.FirstCommandAt != 0)
                .Select(n => n.Call.FirstCommandAt).DefaultIfEmpty(0).Min()).Where(t => t != 0).ToList();
            if (answeredAgain.Count > 0)
            {
                whole = Stopwatch.GetElapsedTime(killedAt, answeredAgain.Max());
            }
        }

        return new PhaseFigures(completed, run.Calls.Count(c => c.CutOff), run.Calls.Count(c => c.Result.Commands.Count == 0), run.Calls.Sum(c => c.Refused),
            completed / run.Elapsed.TotalSeconds, Percentile(commits, 0.50), Percentile(commits, 0.99), commits.Count, heard.Count, lost,
            stored.Count - heard.Count, lastCutOffEnded, whole);
    }

    private static void Report(PhaseFigures f, LoadRun run, List<ServerProcess> servers, long killedAt, int inProgressAtKill)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"calls            {f.Completed:N0} completed in {run.Elapsed.TotalSeconds:0.0} s ({f.CallsPerSecond:0.0} calls/s); {f.CutOff} cut off; {f.Failed} never answered; load average {Bench.LoadAverage()}"));
        for (var i = 0; i < servers.Count; i++)
        {
            Console.WriteLine(string.Create(c, $"  server {servers[i].Name}      {run.Calls.Count(x => x.Server == i && x.Completed):N0} calls completed"));
        }

        Console.WriteLine(string.Create(c, $"confirm->accepted p50 {f.CommitP50.TotalMilliseconds:0.0} ms, p99 {f.CommitP99.TotalMilliseconds:0.0} ms ({f.Commits:N0} readings: the commit as the caller waits for it)"));
        Console.WriteLine(string.Create(c, $"lost             {f.Lost} of {f.Heard:N0} readings heard accepted missing from the database; {f.CommittedUnheard} more committed whose \"accepted\" never reached the caller"));
        if (killedAt != 0)
        {
            Console.WriteLine(string.Create(c, $"kill -9 of A     {inProgressAtKill:N0} calls in progress; {f.CutOff} cut off, the last of them ended {f.LastCutOffEnded?.TotalSeconds:0.00} s after the kill; " +
                $"{f.Refused:N0} connections refused by A and placed with B"));
            Console.WriteLine(string.Create(c, $"line whole again {f.Whole?.TotalSeconds:0.00} s after the kill (every cut-off caller's next call answered by B)"));
        }
    }

    private static async Task SeedAsync(DatabaseOptions options, IReadOnlyList<BenchAccount> accounts)
    {
        await using var stores = new ServiceCollection().AddIvrStorage(options, Organisation).BuildServiceProvider();
        var period = BillingPeriod.Of(Organisation.Window.LocalDate(TimeProvider.System.GetUtcNow())).Previous();
        var billed = new DateOnly(period.Year, period.Month, 10);
        var billing = stores.GetRequiredService<IBillingStore>();
        foreach (var batch in accounts.Chunk(5000))
        {
            await billing.UpsertAsync(batch.SelectMany(a => new[]
            {
                new AccountImportRow(a.Number, "ул. Ленина, 1", "", a.ElectricitySerial, MeterKind.Electricity, 1, 6, "", [a.Electricity - 150], billed, null, null),
                new AccountImportRow(a.Number, "ул. Ленина, 1", "", a.WaterSerial, MeterKind.ColdWater, 1, 5, "", [a.Water - 6], billed, null, null),
            }).ToList(), CancellationToken.None);
        }
    }

    private static List<BenchAccount> Accounts(int count) =>
        Enumerable.Range(0, count).Select(i => new BenchAccount((20_000_000 + i).ToString(CultureInfo.InvariantCulture), 10_150 + i % 5000, 106 + i % 800)).ToList();

    /// <summary>Each prompt's real length from its WAV (a missing one counts a second), as Asterisk would play it.</summary>
    private static Func<string, TimeSpan> Durations(string sounds)
    {
        var prompts = new PromptDurations(sounds, "ru");
        var sync = new object();
        return file =>
        {
            var id = file.StartsWith("ivr-readings/", StringComparison.Ordinal) ? file["ivr-readings/".Length..] : file;
            lock (sync)
            {
                var duration = prompts.Of(id);
                return duration > TimeSpan.Zero ? duration : TimeSpan.FromSeconds(1);
            }
        };
    }

    private static TimeSpan Percentile(List<long> sorted, double p) =>
        sorted.Count == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))]);

    private sealed record PhaseFigures(int Completed, int CutOff, int Failed, int Refused, double CallsPerSecond, TimeSpan CommitP50, TimeSpan CommitP99,
        int Commits, int Heard, int Lost, int CommittedUnheard, TimeSpan? LastCutOffEnded, TimeSpan? Whole);
}
