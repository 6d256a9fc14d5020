using BenchmarkDotNet.Attributes;
using IvrReadings.CallFlow.Runner;
using IvrReadings.Domain;
using IvrReadings.Storage;
using IvrReadings.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Benchmarks.Micro;

/// <summary>
/// A call's account look-up (what it reads of the meters' histories and what the rules make of it) on a real SQLite
/// file and, where a test server is configured (scripts/postgres/start-test-server.sh), a fresh PostgreSQL database, as
/// history grows: the standard flat (a two-zone and two one-zone meters) with one year of monthly readings,
/// with ten years, and with ten years plus a pathological meter holding 10,000 readings of last month. <c>Lookup</c>
/// is the product (<see cref="ReadingsBackend.LookupAsync"/>: the few months the rules use); <c>WholeHistory</c> is the
/// peer, what a call did before (every reading of every meter, then the same rules). CPU and bytes per call must stay
/// flat down the <c>Lookup</c> rows.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup].")]
public class CallHistoryBenchmarks
{
    private static readonly BillingPeriod Period = new(2026, 11);
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private readonly Organisation _organisation = new OrganisationOptions().ToOrganisation();
    private TestDatabase? _database;
    private ServiceProvider? _services;
    private IAccountStore _accounts = null!;
    private IReadingStore _readings = null!;
    private Account _account = null!;

    [Params("1 year", "10 years", "10 years + 10,000")]
    public string History { get; set; } = "1 year";

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = TestDatabase.Sqlite;

    public static IEnumerable<string> Providers() =>
        TestDatabase.Available(TestDatabase.Postgres) ? [TestDatabase.Sqlite, TestDatabase.Postgres] : [TestDatabase.Sqlite];

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        _services = new ServiceCollection().AddSingleton(TimeProvider.System).AddIvrStorage(_database.For(migrateOnStart: false), _organisation).BuildServiceProvider();
        await _services.GetRequiredService<IDatabaseMigrator>().MigrateAsync(default);
        _accounts = _services.GetRequiredService<IAccountStore>();
        _readings = _services.GetRequiredService<IReadingStore>();
        var lastMonth = new DateOnly(2026, 10, 20);
        await _services.GetRequiredService<IBillingStore>().UpsertAsync(
        [
            new AccountImportRow("1234567", "addr", "", "EL-100", MeterKind.Electricity, 2, 6, "", [6000, 2000], lastMonth, null, null),
            new AccountImportRow("1234567", "addr", "", "CW-200", MeterKind.ColdWater, 1, 5, "kitchen", [100], lastMonth, null, null),
            new AccountImportRow("1234567", "addr", "", "CW-300", MeterKind.ColdWater, 1, 5, "bath", [50], lastMonth, null, null),
        ], default);
        _account = (await _accounts.FindAsync("1234567", default))!;

        var months = History == "1 year" ? 12 : 120;
        var batch = new List<NewReading>();
        for (var back = months; back >= 1; back--)
        {
            var month = Period.AddMonths(-back);
            var at = new DateTimeOffset(month.Year, month.Month, 18, 10, 0, 0, TimeSpan.Zero);
            foreach (var meter in _account.Meters)
                foreach (var zone in meter.Zones)
                    batch.Add(new NewReading(meter.Id, zone, 10_000 - back * 10, month, at, SubmissionChannel.Keys));
        }

        if (History.EndsWith("10,000", StringComparison.Ordinal))
        {
            var kitchen = _account.Meters[1];
            for (var i = 0; i < 10_000; i++)
                batch.Add(new NewReading(kitchen.Id, Zone.Total, 10_000 + i % 7, Period.AddMonths(-1), new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero).AddSeconds(i),
                    SubmissionChannel.Keys));
        }

        // Bulk work under the staff deadline: 10,480 readings through PostgreSQL outlast a caller's 3 s on a loaded machine.
        await _services.GetRequiredService<IBillingStore>().ImportReadingsAsync(batch, default);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _database?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The product: a call's look-up of the standard flat.</summary>
    [Benchmark]
    public async Task<int> Lookup()
    {
        var backend = new ReadingsBackend(_accounts, _readings, _organisation, new FixedTime(Now));
        var account = await backend.LookupAsync("1234567", default);
        return account!.Meters.Count;
    }

    /// <summary>The peer: the same look-up reading every meter's whole history, as calls did before.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> WholeHistory()
    {
        var account = (await _accounts.FindAsync("1234567", default))!;
        long sum = 0;
        foreach (var meter in account.Meters)
        {
            var history = await _readings.HistoryAsync(meter.Id, default);
            foreach (var zone in meter.Zones)
            {
                sum += ReadingHistory.Previous(meter, history, zone, Period)?.Value ?? 0;
                sum += (long)(ReadingCheck.JumpLimitFor(_organisation, meter, zone, history, Period)?.MaxRise ?? 0);
            }
        }

        return sum;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
