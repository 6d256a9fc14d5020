using IvrReadings.Domain;
using IvrReadings.Storage.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Storage.Tests.Contract;

public abstract partial class StoreContract
{
    [StoreFact]
    public async Task Migrations_are_idempotent_and_health_reports_the_schema()
    {
        var migrator = Services.GetRequiredService<IDatabaseMigrator>();
        var version = await migrator.MigrateAsync(default);
        Assert.True(version >= 1);
        await RestartAsync();
        Assert.Equal(version, await Services.GetRequiredService<IDatabaseMigrator>().MigrateAsync(default));
        var health = await Services.GetRequiredService<IDatabaseHealth>().CheckAsync(default);
        Assert.True(health.Healthy, health.Error);
        Assert.Equal(version, health.SchemaVersion);
        Assert.Equal(Db.Options.Provider, health.Provider);
    }

    [StoreFact]
    public async Task Finds_an_account_with_its_meters_as_billing_listed_them()
    {
        var counts = await Billing.UpsertAsync(
        [
            Row("1234567", "E-1", zones: 2, last: [6100, 2010], verification: new DateOnly(2030, 1, 31)),
            Row("1234567", "CW-1", kind: MeterKind.ColdWater, description: "кухня", last: [412], autoFill: 6),
            Row("1234567", "CW-2", kind: MeterKind.ColdWater, description: "ванная"),
            Row("7654321", "G-9", kind: MeterKind.Gas),
        ], default);
        Assert.Equal(new ImportCounts(4, 0), counts);

        var account = await Accounts.FindAsync("1234567", default);
        Assert.NotNull(account);
        Assert.Equal("Петров С. И.", account.Holder);
        Assert.Equal(["E-1", "CW-1", "CW-2"], account.Meters.Select(m => m.Serial));
        var electricity = account.Meters[0];
        Assert.Equal((MeterKind.Electricity, 2, 6), (electricity.Kind, electricity.ZoneCount, electricity.Digits));
        Assert.Equal([new ZoneReading(Zone.Day, 6100, new DateOnly(2026, 10, 20)), new ZoneReading(Zone.Night, 2010, new DateOnly(2026, 10, 20))], electricity.Last);
        Assert.Equal(new DateOnly(2030, 1, 31), electricity.NextVerification);
        Assert.Null(electricity.AutoFillAmount);
        Assert.Equal(("кухня", 6L), (account.Meters[1].Description, account.Meters[1].AutoFillAmount!.Value));
        Assert.Empty(account.Meters[2].Last);
        Assert.Equal(electricity, await Accounts.FindMeterAsync(electricity.Id, default));
        Assert.Null(await Accounts.FindAsync("0000000", default));
        Assert.Null(await Accounts.FindMeterAsync(-5, default));
        Assert.Equal(2, await Accounts.CountAsync(default));
    }

    [StoreFact]
    public async Task Reimport_updates_in_place_and_keeps_history()
    {
        var meter = await MeterAsync("E-1", last: [100]);
        await Readings.SubmitAsync(Keyed(meter, 150), default);
        var counts = await Billing.UpsertAsync([Row("1234567", "E-1", last: [160], autoFill: 5, holder: ""), Row("1234567", "E-2")], default);
        Assert.Equal(new ImportCounts(1, 1), counts);
        var account = (await Accounts.FindAsync("1234567", default))!;
        Assert.Equal("Петров С. И.", account.Holder); // a file without holders does not wipe them
        var updated = account.Meters.Single(m => m.Serial == "E-1");
        Assert.Equal(meter.Id, updated.Id);
        Assert.Equal(160, updated.Last.Single().Value);
        Assert.Equal(5, updated.AutoFillAmount);
        Assert.Single(await Readings.HistoryAsync(meter.Id, default));
    }

    [StoreFact]
    public async Task Accounts_a_caller_reported_for_come_most_recent_first()
    {
        var meters = await MetersAsync(Row("1111111", "A"), Row("2222222", "B"), Row("3333333", "C"));
        await Readings.SubmitAsync(Keyed(meters["A"], 1, caller: "+79000000001", at: Clock.GetUtcNow().AddDays(-40), period: Nov.Previous()), default);
        await Readings.SubmitAsync(Keyed(meters["B"], 1, caller: "+79000000001", at: Clock.GetUtcNow().AddMinutes(-5)), default);
        await Readings.SubmitAsync(Keyed(meters["C"], 1, caller: "+79000000002"), default);
        var accounts = await Accounts.FindByCallerAsync("+79000000001", 5, default);
        Assert.Equal(["2222222", "1111111"], accounts.Select(a => a.Number));
        Assert.Single(await Accounts.FindByCallerAsync("+79000000001", 1, default));
        Assert.Empty(await Accounts.FindByCallerAsync("+70000000000", 5, default));
    }

    [StoreFact]
    public async Task An_unreachable_database_throws_the_one_known_exception()
    {
        await using var broken = Build(Db.Unreachable);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => broken.GetRequiredService<IAccountStore>().FindAsync("1234567", default));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => broken.GetRequiredService<IReadingStore>().SubmitAsync(
            [new NewReading(1, Zone.Total, 1, Nov, Clock.GetUtcNow(), SubmissionChannel.Keys)], default));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => broken.GetRequiredService<ICallLog>().StartAsync(
            new CallStart("c-1", SubmissionChannel.Keys, "readings", null, PromptLanguage.Ru, Clock.GetUtcNow()), default));
        var health = await broken.GetRequiredService<IDatabaseHealth>().CheckAsync(default);
        Assert.False(health.Healthy);
        Assert.NotNull(health.Error);
    }

    [StoreFact]
    public async Task Demo_data_seeds_an_empty_database_once()
    {
        Assert.True(await DemoData.SeedAsync(Services, default));
        Assert.False(await DemoData.SeedAsync(Services, default));
        Assert.Equal(DemoData.Accounts.Count, await Accounts.CountAsync(default));
        var demo = (await Accounts.FindAsync("1234567", default))!;
        Assert.Equal([MeterKind.Electricity, MeterKind.ColdWater, MeterKind.ColdWater], demo.Meters.Select(m => m.Kind));
        Assert.Equal([6100L, 2010L], demo.Meters[0].Last.Select(l => l.Value));
        Assert.Equal(["", "кухня", "ванная"], demo.Meters.Select(m => m.Description));
        // The simulator's demo keys 6116 for day: accepted without a jump question.
        var history = await Readings.HistoryAsync(demo.Meters[0].Id, default);
        var decision = ReadingCheck.Evaluate(Organisation, demo.Meters[0], Zone.Day, 6116, history, Clock.GetUtcNow());
        Assert.Equal(DecisionKind.Ok, decision.Kind);
        Assert.Empty(decision.Findings);
    }
}
