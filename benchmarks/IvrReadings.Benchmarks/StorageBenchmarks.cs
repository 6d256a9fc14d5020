using System.Diagnostics;
using System.Globalization;
using System.Text;
using IvrReadings.Domain;
using IvrReadings.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Benchmarks;

/// <summary>
/// Storage figures for docs/storage.md: a 1,000,000-meter billing import, and reading commits from 1,000 concurrent
/// writers through the SQLite group-commit writer, against a naive transaction-per-commit peer on the same kind of file
/// (and PostgreSQL when the test server is running). Options: <c>--meters N</c>, <c>--writers N</c>, <c>--commits N</c>
/// (per writer), <c>--dir PATH</c>, <c>--naive 0</c> / <c>--pg 0</c> to leave a peer out; <c>--meters 0</c> skips the import.
/// </summary>
public static class StorageBenchmarks
{
    /// <summary>Mean pause of a paced writer between commits, ms (1,000 writers: ~4,000 commits/s offered; a busy real day is under 1/s).</summary>
    private const int Pace = 250;

    /// <summary>Call pace: each of the 1,000 writers commits about once a second (~1,000 commits/s offered), still
    /// far above a real line, where a caller confirms a reading every 20-60 s.</summary>
    private const int CallPace = 1000;

    public static async Task<int> RunAsync(string[] args)
    {
        var meters = Bench.Option(args, "--meters", 1_000_000);
        var writers = Bench.Option(args, "--writers", 1_000);
        var commits = Bench.Option(args, "--commits", 20);
        var dir = Path.GetFullPath(Bench.OptionText(args, "--dir") ?? Path.Combine(".build", "bench-storage"));
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        Console.WriteLine($"storage benchmark: {Environment.ProcessorCount} cores, {RuntimeInfo()}, dir {dir}");

        var postgresAdmin = Bench.PostgresConnection();
        if (meters > 0)
        {
            var csv = Path.Combine(dir, "meters.csv");
            var generated = Stopwatch.StartNew();
            await GenerateCsvAsync(csv, meters);
            Console.WriteLine($"generated {meters:N0} meter rows ({new FileInfo(csv).Length / 1048576.0:F0} MiB) in {generated.Elapsed.TotalSeconds:F1} s");
            await ImportAsync("sqlite", $"Data Source={Path.Combine(dir, "import.db")}", csv, meters);
            if (postgresAdmin is not null && Bench.Option(args, "--pg", 1) == 1) await ImportAsync("postgres", await Bench.FreshPostgresAsync(postgresAdmin, "ivr_bench_import"), csv, meters);
        }

        if (meters > 0) await SettleAsync();
        Console.WriteLine();
        Console.WriteLine($"reading commits: {writers:N0} concurrent writers x {commits} commits each, one reading per commit, durable before return");
        await CommitsThroughStoreAsync("sqlite group commit (synchronous=FULL)", new DatabaseOptions { Provider = "sqlite", ConnectionString = $"Data Source={Path.Combine(dir, "commits.db")}" }, writers, commits);
        if (Bench.Option(args, "--naive", 1) == 1) await NaiveSqliteAsync(Path.Combine(dir, "naive.db"), writers, Math.Max(1, commits / 4));
        if (postgresAdmin is not null && Bench.Option(args, "--pg", 1) == 1)
            await CommitsThroughStoreAsync("postgres (synchronous_commit=on)", new DatabaseOptions { Provider = "postgres", ConnectionString = await Bench.FreshPostgresAsync(postgresAdmin, "ivr_bench_commits") }, writers, commits);
        return 0;
    }

    /// <summary>
    /// The imports leave hundreds of MiB of dirty pages that the kernel writes back for many seconds, slowing every fsync
    /// meanwhile (call-pace p99 2.0 ms just after them, 0.9 ms once written), and a heap grown by the import: the commit
    /// figures are the store's, so they start from a flushed disk and a collected heap.
    /// </summary>
    private static async Task SettleAsync()
    {
        var watch = Stopwatch.StartNew();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using (var sync = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false }))
        {
            if (sync is not null) await sync.WaitForExitAsync();
        }

        Console.WriteLine($"settled after the imports (full GC, sync) in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task GenerateCsvAsync(string path, int meters)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("account,address,meter,kind,zones,digits,description,last_reading,last_date,verification_date,autofill");
        var random = new Random(42);
        var written = 0;
        for (var account = 10_000_000; written < meters; account++)
        {
            var address = $"\"г. Сыктывкар, ул. Ленина, д. {account % 300 + 1}, кв. {account % 120 + 1}\"";
            var count = Math.Min(1 + random.Next(4), meters - written);
            for (var i = 0; i < count; i++, written++)
            {
                var line = i switch
                {
                    0 => $"{account},{address},E{account}-{i},electricity,2,6,,{random.Next(1000, 90000)};{random.Next(100, 40000)},2026-10-20,2031-06-30,",
                    1 => $"{account},{address},CW{account}-{i},cold_water,1,5,кухня,{random.Next(10, 3000)},2026-10-20,2029-01-31,6",
                    2 => $"{account},{address},HW{account}-{i},hot_water,1,5,ванная,{random.Next(10, 2000)},2026-10-20,2029-01-31,",
                    _ => $"{account},{address},G{account}-{i},gas,1,5,,{random.Next(10, 20000)},2026-10-20,2033-03-31,",
                };
                await writer.WriteLineAsync(line);
            }
        }
    }

    private static async Task ImportAsync(string provider, string connectionString, string csv, int meters)
    {
        await using var services = Services(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        await services.GetRequiredService<IDatabaseMigrator>().MigrateAsync(default);
        GC.Collect();
        var baseline = Environment.WorkingSet;
        long peak = baseline;
        using var sampler = new Timer(_ => peak = Math.Max(peak, Environment.WorkingSet), null, 0, 50);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var summary = await services.GetRequiredService<AccountImporter>().ImportFileAsync(csv, null, null, default);
        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        peak = Math.Max(peak, Environment.WorkingSet);
        // CPU time is the figure that does not depend on what else the machine runs (wall time does, a lot, on a shared box).
        Console.WriteLine($"import {provider}: {summary.Inserted:N0} inserted, {summary.Rejected} rejected in {watch.Elapsed.TotalSeconds:F1} s " +
            $"({meters / watch.Elapsed.TotalSeconds:N0} rows/s), this process's CPU {cpu.TotalSeconds:F1} s; working set peak {peak / 1048576.0:F0} MiB " +
            $"(before {baseline / 1048576.0:F0} MiB); load average {Bench.LoadAverage()}");
        if (summary.Inserted != meters) Console.WriteLine($"  WARNING: expected {meters:N0} inserted");
    }

    private static async Task CommitsThroughStoreAsync(string name, DatabaseOptions options, int writers, int commitsEach)
    {
        await using var services = Services(options);
        var billing = services.GetRequiredService<IBillingStore>();
        var accounts = services.GetRequiredService<IAccountStore>();
        var readings = services.GetRequiredService<IReadingStore>();
        await billing.UpsertAsync(Enumerable.Range(0, 100).Select(i => new AccountImportRow("5000" + i.ToString("D3", CultureInfo.InvariantCulture), "addr", "", $"BENCH-{i}",
            MeterKind.Electricity, 1, 6, "", [], null, null, null)).ToList(), default);
        var meterIds = new List<long>();
        for (var i = 0; i < 100; i++) meterIds.AddRange((await accounts.FindAsync("5000" + i.ToString("D3", CultureInfo.InvariantCulture), default))!.Meters.Select(m => m.Id));
        var period = new BillingPeriod(2026, 11);
        // Warm up: connections, prepared statements, JIT.
        for (var i = 0; i < 200; i++) await readings.SubmitAsync(new NewReading(meterIds[i % 100], Zone.Total, i, period, DateTimeOffset.UtcNow, SubmissionChannel.Keys), default);

        Func<int, int, Task> submit = async (w, i) =>
            await readings.SubmitAsync(new NewReading(meterIds[w % meterIds.Count], Zone.Total, i, period, DateTimeOffset.UtcNow, SubmissionChannel.Keys,
                CallerNumber: "+7900000" + w.ToString("D4", CultureInfo.InvariantCulture)), default);
        // The floor: one writer alone, so each commit pays its own fsync; what any latency figure below stands on.
        Report(name + ", 1 writer alone", await MeasureAsync(1, 500, submit));
        Report(name + ", back to back", await MeasureAsync(writers, commitsEach, submit));
        Report(name + $", paced ~{writers * 1000 / Pace:N0}/s offered", await MeasureAsync(writers, commitsEach, submit, Pace));
        // Latency from the moment the writer wakes to commit: a caller's "1 to confirm" reaching the store, without
        // the harness's own timer lateness.
        Report(name + $", call pace ~{writers * 1000 / CallPace:N0}/s offered, from wake-up", await MeasureAsync(writers, commitsEach, submit, CallPace, fromWakeUp: true));
    }

    /// <summary>The peer: what a straightforward implementation does, one connection and one IMMEDIATE transaction per commit.</summary>
    private static async Task NaiveSqliteAsync(string file, int writers, int commitsEach)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 60 }.ToString();
        await using (var setup = new SqliteConnection(connectionString))
        {
            await setup.OpenAsync();
            await using var create = setup.CreateCommand();
            create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE readings (id INTEGER PRIMARY KEY, meter_id BIGINT, zone TEXT, value BIGINT, period INTEGER, submitted_at BIGINT, channel TEXT, status TEXT, flags INTEGER, caller_number TEXT)";
            await create.ExecuteNonQueryAsync();
        }

        Func<int, int, Task> naive = async (w, i) =>
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=60000";
                await pragma.ExecuteNonQueryAsync();
            }

            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO readings (meter_id, zone, value, period, submitted_at, channel, status, flags, caller_number) VALUES ($m, 'Total', $v, 202611, $t, 'Keys', 'Accepted', 0, $c)";
            insert.Parameters.AddWithValue("$m", w % 100);
            insert.Parameters.AddWithValue("$v", i);
            insert.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$c", "+7900000" + w.ToString("D4", CultureInfo.InvariantCulture));
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        };
        Report("sqlite naive transaction per commit (synchronous=FULL), 1 writer alone", await MeasureAsync(1, 500, naive));
        Report("sqlite naive transaction per commit (synchronous=FULL), back to back", await MeasureAsync(writers, commitsEach, naive));
        Report($"sqlite naive transaction per commit (synchronous=FULL), paced ~{writers * 1000 / Pace:N0}/s offered", await MeasureAsync(writers, commitsEach, naive, Pace));
        SqliteConnection.ClearAllPools();
    }

    private sealed record Measurement(int Commits, TimeSpan Elapsed, double[] LatenciesMs);

    /// <summary>
    /// Runs <paramref name="writers"/> concurrent writers. With <paramref name="pauseMs"/> = 0 each commits back to back
    /// (saturation: latency is then mostly queueing behind the other 999); otherwise each pauses a random 0..2x pauseMs
    /// between commits, an offered load of writers / pauseMs commits per ms.
    /// </summary>
    private static async Task<Measurement> MeasureAsync(int writers, int commitsEach, Func<int, int, Task> commit, int pauseMs = 0, bool fromWakeUp = false)
    {
        var latencies = new double[writers * commitsEach];
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long began = 0;
        var tasks = new Task[writers];
        for (var w = 0; w < writers; w++)
        {
            var writer = w;
            tasks[w] = Task.Run(async () =>
            {
                await gate.Task;
                var random = new Random(writer);
                // Latency counts from when the writer MEANT to commit, not from when it got a thread: a writer stuck
                // behind blocked threads (the naive peer blocks them) is a caller waiting all the same.
                var intended = began;
                for (var i = 0; i < commitsEach; i++)
                {
                    if (pauseMs > 0)
                    {
                        var pause = random.Next(2 * pauseMs);
                        intended += pause * Stopwatch.Frequency / 1000;
                        await Task.Delay(pause);
                        if (fromWakeUp)
                        {
                            intended = Stopwatch.GetTimestamp();
                        }
                    }

                    await commit(writer, i);
                    var done = Stopwatch.GetTimestamp();
                    latencies[writer * commitsEach + i] = (done - intended) * 1000.0 / Stopwatch.Frequency;
                    intended = done;
                }
            });
        }

        var watch = Stopwatch.StartNew();
        began = Stopwatch.GetTimestamp();
        gate.SetResult();
        await Task.WhenAll(tasks);
        watch.Stop();
        Array.Sort(latencies);
        return new Measurement(latencies.Length, watch.Elapsed, latencies);
    }

    private static void Report(string name, Measurement m)
    {
        double P(double q) => m.LatenciesMs[Math.Min(m.LatenciesMs.Length - 1, (int)Math.Ceiling(q * m.LatenciesMs.Length) - 1)];
        Console.WriteLine($"  [load {Bench.LoadAverage()}] {name}: {m.Commits:N0} commits in {m.Elapsed.TotalSeconds:F2} s = {m.Commits / m.Elapsed.TotalSeconds:N0} commits/s; " +
            $"latency p50 {P(0.50):F2} ms, p99 {P(0.99):F2} ms, max {m.LatenciesMs[^1]:F2} ms");
    }

    private static ServiceProvider Services(DatabaseOptions options)
    {
        options.MigrateOnStart = false;
        options.AutoFill = false;
        return new ServiceCollection().AddIvrStorage(options, new OrganisationOptions().ToOrganisation()).BuildServiceProvider();
    }

    private static string RuntimeInfo() => $".NET {Environment.Version}, SQLite {SqliteVersion()}";

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select sqlite_version()";
        return (string)command.ExecuteScalar()!;
    }
}
