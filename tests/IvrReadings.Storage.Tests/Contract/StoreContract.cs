using IvrReadings.Domain;
using IvrReadings.Storage.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Storage.Tests.Contract;

/// <summary>
/// The one contract every provider must honour: each test runs against a fresh real database of the provider the
/// concrete class names (<see cref="SqliteStoreTests"/>, <see cref="PostgresStoreTests"/>). No mocks.
/// </summary>
public abstract partial class StoreContract : IAsyncLifetime
{
    protected static readonly BillingPeriod Nov = new(2026, 11);

    protected TestDatabase Db { get; private set; } = null!;
    protected ServiceProvider Services { get; private set; } = null!;
    protected TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.FromHours(3)));
    protected Organisation Organisation { get; } = new OrganisationOptions().ToOrganisation();

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        Db = await CreateDatabaseAsync();
        Services = Build(Db.Options);
    }

    public async Task DisposeAsync()
    {
        if (Services is not null) await Services.DisposeAsync();
        if (Db is not null) await Db.DisposeAsync();
    }

    protected ServiceProvider Build(DatabaseOptions options) =>
        new ServiceCollection().AddSingleton<TimeProvider>(Clock).AddIvrStorage(options, Organisation).BuildServiceProvider();

    /// <summary>Closes every connection and opens the same database again, as a restarted process would.</summary>
    protected async Task RestartAsync()
    {
        await Services.DisposeAsync();
        Services = Build(Db.Options);
    }

    protected IAccountStore Accounts => Services.GetRequiredService<IAccountStore>();
    protected IReadingStore Readings => Services.GetRequiredService<IReadingStore>();
    protected ICallLog Calls => Services.GetRequiredService<ICallLog>();
    protected IRecordingStore Recordings => Services.GetRequiredService<IRecordingStore>();
    protected IReviewStore Reviews => Services.GetRequiredService<IReviewStore>();
    protected IStaffStore Staff => Services.GetRequiredService<IStaffStore>();
    protected IAuditLog Audit => Services.GetRequiredService<IAuditLog>();
    protected IDataProtectionKeyStore Keys => Services.GetRequiredService<IDataProtectionKeyStore>();
    protected IReportStore Reports => Services.GetRequiredService<IReportStore>();
    protected IBillingStore Billing => Services.GetRequiredService<IBillingStore>();

    protected static AccountImportRow Row(string account, string serial, int zones = 1, long[]? last = null, long? autoFill = null,
        MeterKind kind = MeterKind.Electricity, string description = "", DateOnly? verification = null, string holder = "Петров С. И.") =>
        new(account, "г. Сыктывкар, ул. Ленина, д. 1, кв. 2", holder, serial, kind, zones, 6, description, last ?? [],
            last is { Length: > 0 } ? new DateOnly(2026, 10, 20) : null, verification, autoFill);

    /// <summary>Stores the rows and returns the meters by serial.</summary>
    protected async Task<Dictionary<string, Meter>> MetersAsync(params AccountImportRow[] rows)
    {
        await Billing.UpsertAsync(rows, default);
        var meters = new Dictionary<string, Meter>();
        foreach (var number in rows.Select(r => r.AccountNumber).Distinct())
            foreach (var meter in (await Accounts.FindAsync(number, default))!.Meters)
                meters[meter.Serial] = meter;
        return meters;
    }

    protected async Task<Meter> MeterAsync(string serial = "E-1", int zones = 1, long[]? last = null, long? autoFill = null, string account = "1234567") =>
        (await MetersAsync(Row(account, serial, zones, last, autoFill)))[serial];

    protected NewReading Keyed(Meter meter, long value, Zone zone = Zone.Total, DateTimeOffset? at = null, SubmissionChannel channel = SubmissionChannel.Keys,
        ReadingStatus status = ReadingStatus.Accepted, string? caller = "+78212000000", string? callId = null, BillingPeriod? period = null) =>
        new(meter.Id, zone, value, period ?? Nov, at ?? Clock.GetUtcNow(), channel, status, ReadingFlags.None, caller, callId);
}

public sealed class SqliteStoreTests : StoreContract
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());

    [Fact]
    public async Task Committed_readings_reach_the_database_file_itself_once_the_writer_is_quiet()
    {
        // The writer checkpoints the WAL in its quiet moments (not inside a caller's commit): once it is quiet, the .db file
        // alone, without its WAL, holds every reading committed before.
        var meter = await MeterAsync();
        await Readings.SubmitAsync(Enumerable.Range(0, 400).Select(i => Keyed(meter, 1000 + i)).ToList(), default);
        var file = new SqliteConnectionStringBuilder(Db.Options.ConnectionString).DataSource;
        var copy = Path.Combine(Path.GetDirectoryName(file)!, "backup-copy.db");

        long inCopy = 0;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (inCopy < 400 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            try
            {
                inCopy = await CountReadingsInCopyAsync(file, copy);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 11 or 26)
            {
                // Copied while the checkpoint was writing pages: a torn copy (why plain copies are no backup). Again.
            }
        }

        Assert.Equal(400, inCopy);
        Assert.Equal(400, (await Readings.HistoryAsync(meter.Id, default)).Count);
    }

    private static async Task<long> CountReadingsInCopyAsync(string file, string copy)
    {
        File.Copy(file, copy, overwrite: true);
        await using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        // Before any checkpoint even the schema is only in the WAL: no table counts as no readings.
        count.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'readings'";
        if ((long)(await count.ExecuteScalarAsync())! == 0) return 0;
        count.CommandText = "SELECT COUNT(*) FROM readings";
        return (long)(await count.ExecuteScalarAsync())!;
    }
}

public sealed class PostgresStoreTests : StoreContract, INeedsPostgres
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
