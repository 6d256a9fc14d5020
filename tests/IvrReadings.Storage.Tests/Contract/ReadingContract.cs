using IvrReadings.Domain;
using IvrReadings.Storage.Tests.Support;

namespace IvrReadings.Storage.Tests.Contract;

public abstract partial class StoreContract
{
    [StoreFact]
    public async Task Submitted_readings_come_back_exactly_in_history()
    {
        var meter = await MeterAsync(zones: 2);
        var at = new DateTimeOffset(2026, 11, 20, 12, 34, 56, 789, TimeSpan.FromHours(3)).AddTicks(1230);
        var stored = await Readings.SubmitAsync(
        [
            new NewReading(meter.Id, Zone.Day, 6116, Nov, at, SubmissionChannel.Keys, ReadingStatus.Accepted, ReadingFlags.LowerThanPrevious | ReadingFlags.VerificationOverdue,
                "+78212123456", "call-1"),
            new NewReading(meter.Id, Zone.Night, 2015, Nov, at, SubmissionChannel.Voice, ReadingStatus.NeedsReview, ReadingFlags.None, null, "call-1"),
        ], default);
        Assert.Equal(2, stored.Count);
        Assert.True(stored[0].Id > 0 && stored[1].Id > stored[0].Id);
        var history = await Readings.HistoryAsync(meter.Id, default);
        Assert.Equal(stored, history);
        Assert.Equal(at, history[0].SubmittedAt);
        Assert.Equal(ReadingFlags.LowerThanPrevious | ReadingFlags.VerificationOverdue, history[0].Flags);
        Assert.Equal(stored, await Readings.ForCallAsync("call-1", default));
        Assert.Equal(stored, await Readings.AccountHistoryAsync("1234567", default));
    }

    [StoreFact]
    public async Task A_batch_is_all_or_nothing()
    {
        var meter = await MeterAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => Readings.SubmitAsync([Keyed(meter, 1), Keyed(meter, 2) with { MeterId = 999_999 }], default));
        Assert.Empty(await Readings.HistoryAsync(meter.Id, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Readings.SubmitAsync(Keyed(meter, -1), default));
    }

    [StoreFact]
    public async Task Two_channels_writing_one_meter_at_once_are_both_kept_and_the_later_counts()
    {
        var meter = await MeterAsync();
        var start = Clock.GetUtcNow();
        // 2 channels x 100 writers, all released at once; submission times are distinct so "later" is well defined.
        using var gate = new SemaphoreSlim(0);
        var writers = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await gate.WaitAsync();
            var channel = i % 2 == 0 ? SubmissionChannel.Keys : SubmissionChannel.Voice;
            return await Readings.SubmitAsync(Keyed(meter, 1000 + i, at: start.AddMilliseconds(i), channel: channel), default);
        })).ToList();
        gate.Release(200);
        var stored = await Task.WhenAll(writers);

        Assert.Equal(200, stored.Select(r => r.Id).Distinct().Count());
        var history = await Readings.HistoryAsync(meter.Id, default);
        Assert.Equal(200, history.Count);
        Assert.Equal(Enumerable.Range(1000, 200).Select(v => (long)v), history.Select(r => r.Value).Order());
        Assert.Equal(1199, ReadingHistory.Counting(history, Zone.Total, Nov)!.Value);
        var exported = await Billing.ExportAsync(Nov, default).ToListAsync();
        Assert.Equal(1199, exported.Single().Value);
        Assert.Equal(SubmissionChannel.Voice, exported.Single().Channel);
    }

    [StoreFact]
    public async Task One_bad_write_among_concurrent_ones_fails_alone()
    {
        var meter = await MeterAsync();
        var writes = Enumerable.Range(0, 60).Select(i => Task.Run(() => Readings.SubmitAsync(
            i % 10 == 5 ? Keyed(meter, i) with { MeterId = 424_242 } : Keyed(meter, i), default))).ToList();
        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                await w;
                return "ok";
            }
            catch (ArgumentException)
            {
                return "bad";
            }
        }));
        Assert.Equal(54, outcomes.Count(o => o == "ok"));
        Assert.Equal(6, outcomes.Count(o => o == "bad"));
        Assert.Equal(54, (await Readings.HistoryAsync(meter.Id, default)).Count);
    }

    [StoreFact]
    public async Task A_committed_reading_survives_a_restart()
    {
        var meter = await MeterAsync();
        var stored = await Readings.SubmitAsync(Keyed(meter, 777), default);
        await RestartAsync();
        Assert.Equal(stored, (await Readings.HistoryAsync(meter.Id, default)).Single());
    }

    [StoreFact]
    public async Task Auto_fill_runs_once_and_never_over_a_real_reading()
    {
        var meters = await MetersAsync(
            Row("1111111", "AF-2ZONE", zones: 2, last: [6100, 2010], autoFill: 100),
            Row("1111111", "AF-KEYED", last: [500], autoFill: 10),
            Row("1111111", "AF-REVIEW", last: [500], autoFill: 10),
            Row("1111111", "NO-AF", last: [500]),
            Row("1111111", "AF-NOPREV", autoFill: 10));
        await Readings.SubmitAsync(Keyed(meters["AF-KEYED"], 505), default);
        await Readings.SubmitAsync(Keyed(meters["AF-REVIEW"], 9, channel: SubmissionChannel.Voice, status: ReadingStatus.NeedsReview), default);
        var closed = Organisation.Window.ClosesAt(Nov);

        var first = await Readings.AutoFillAsync(Nov, closed, default);
        Assert.Equal(new AutoFillSummary(true, 1, 2), first);
        var filled = await Readings.HistoryAsync(meters["AF-2ZONE"].Id, default);
        Assert.Equal([(Zone.Day, 6200L), (Zone.Night, 2110L)], filled.Select(r => (r.Zone, r.Value)));
        Assert.All(filled, r => Assert.Equal((SubmissionChannel.AutoFill, ReadingFlags.AutoFilled), (r.Channel, r.Flags)));
        Assert.Single(await Readings.HistoryAsync(meters["AF-KEYED"].Id, default));
        Assert.Empty(await Readings.HistoryAsync(meters["NO-AF"].Id, default));

        Assert.False((await Readings.AutoFillAsync(Nov, closed.AddHours(1), default)).Ran);
        await RestartAsync();
        Assert.False((await Readings.AutoFillAsync(Nov, closed.AddHours(2), default)).Ran);
        Assert.Equal(2, (await Readings.HistoryAsync(meters["AF-2ZONE"].Id, default)).Count);

        // A voice reading recognized after the close still beats the auto-filled figure.
        await Readings.SubmitAsync(Keyed(meters["AF-2ZONE"], 6150, Zone.Day, at: Organisation.Window.ClosesAt(Nov).AddHours(-3), channel: SubmissionChannel.Voice), default);
        var export = await Billing.ExportAsync(Nov, default).ToListAsync();
        Assert.Equal(6150, export.Single(r => r.Serial == "AF-2ZONE" && r.Zone == Zone.Day).Value);
        Assert.Equal(2110, export.Single(r => r.Serial == "AF-2ZONE" && r.Zone == Zone.Night).Value);
    }

    [StoreFact]
    public async Task Concurrent_auto_fill_runs_fill_each_meter_once_and_only_one_of_them_does_it()
    {
        var rows = Enumerable.Range(0, 1200).Select(i => Row("1111111", $"AF-{i:D4}", last: [i], autoFill: 1)).ToArray();
        await Billing.UpsertAsync(rows, default);
        var closed = Organisation.Window.ClosesAt(Nov);

        // Three runs at once, as three servers whose checks fall together: one holds the period's lease and fills it,
        // the others find it running (or already done) and touch nothing.
        using var start = new ManualResetEventSlim();
        var runs = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return Readings.AutoFillAsync(Nov, closed, default);
        })).ToList();
        start.Set();
        var summaries = await Task.WhenAll(runs);

        var applied = Assert.Single(summaries, r => r.Ran);
        Assert.Equal((1200, 1200), (applied.Meters, applied.Readings));
        Assert.All(summaries.Where(r => !r.Ran), r => Assert.Equal(0, r.Readings));
        var exported = await Billing.ExportAsync(Nov, default).ToListAsync();
        Assert.Equal(1200, exported.Count);
        Assert.Equal(Enumerable.Range(1, 1200).Select(v => (long)v), exported.Select(r => r.Value));
    }

    [StoreFact]
    public async Task A_run_left_by_a_dead_server_is_resumed_once_its_lease_runs_out()
    {
        var meters = await MetersAsync(Row("1111111", "AF-1", last: [100], autoFill: 10), Row("1111111", "AF-2", last: [200], autoFill: 10));
        var closed = Organisation.Window.ClosesAt(Nov);

        // Server "dead-1" claimed November, filled AF-1 and was killed: its lease still runs for a minute.
        await Readings.SubmitAsync(new NewReading(meters["AF-1"].Id, Zone.Total, 110, Nov, closed, SubmissionChannel.AutoFill, ReadingStatus.Accepted,
            ReadingFlags.AutoFilled), default);
        var leaseUntil = (Clock.GetUtcNow() + TimeSpan.FromMinutes(1)).ToUnixTimeMilliseconds() * 1000;
        await Db.ScalarAsync($"INSERT INTO autofill_runs (period, started_at, meters, readings, owner, lease_until) VALUES ({Nov.Key}, 0, 1, 1, 'dead-1', {leaseUntil})");

        var whileHeld = await Readings.AutoFillAsync(Nov, closed, default);
        Assert.Equal((false, "dead-1", 0), (whileHeld.Ran, whileHeld.RunningOn, whileHeld.Readings));
        Assert.Empty(await Readings.HistoryAsync(meters["AF-2"].Id, default));

        Clock.Advance(TimeSpan.FromMinutes(1.5));
        var resumed = await Readings.AutoFillAsync(Nov, closed, default);
        Assert.Equal(new AutoFillSummary(true, 1, 1), resumed);
        Assert.Equal([110L], (await Readings.HistoryAsync(meters["AF-1"].Id, default)).Select(r => r.Value));
        Assert.Equal([210L], (await Readings.HistoryAsync(meters["AF-2"].Id, default)).Select(r => r.Value));
        Assert.Equal(new AutoFillSummary(false, 0, 0), await Readings.AutoFillAsync(Nov, closed, default));
    }

    [StoreFact]
    public async Task Export_gives_the_counting_reading_per_meter_zone_in_billing_order()
    {
        var meters = await MetersAsync(Row("2222222", "Z-3", zones: 3), Row("1111111", "A-1"), Row("1111111", "A-2"));
        await Readings.SubmitAsync(
        [
            Keyed(meters["Z-3"], 30, Zone.Night), Keyed(meters["Z-3"], 10, Zone.Peak), Keyed(meters["Z-3"], 20, Zone.SemiPeak),
            Keyed(meters["A-1"], 100, at: Clock.GetUtcNow().AddMinutes(-10)), Keyed(meters["A-1"], 101),
            Keyed(meters["A-2"], 5, channel: SubmissionChannel.Voice, status: ReadingStatus.NeedsReview),
            Keyed(meters["A-2"], 4, period: Nov.Previous()),
        ], default);
        var rows = await Billing.ExportAsync(Nov, default).ToListAsync();
        Assert.Equal([("Z-3", Zone.Peak, 10L), ("Z-3", Zone.SemiPeak, 20L), ("Z-3", Zone.Night, 30L), ("A-1", Zone.Total, 101L)],
            rows.Select(r => (r.Serial, r.Zone, r.Value)));
        Assert.Equal("2222222", rows[0].AccountNumber);
    }

    [StoreFact]
    public async Task A_call_reads_exactly_the_counting_readings_the_rules_use_and_nothing_else()
    {
        var meters = await MetersAsync(Row("1234567", "R-2", zones: 2, last: [5000, 2000]), Row("1234567", "R-1"), Row("1234567", "R-0"));
        var random = new Random(7);
        var batch = new List<NewReading>();
        // Three years with gaps (one of nine months): several readings a month, real and auto-filled, some for review.
        for (var month = 0; month < 36; month++)
        {
            var period = new BillingPeriod(2024, 1).AddMonths(month);
            if (month is >= 12 and < 21) continue;
            var start = new DateTimeOffset(period.Year, period.Month, 1, 0, 0, 0, TimeSpan.Zero);
            foreach (var (meter, zone) in new[] { (meters["R-2"], Zone.Day), (meters["R-2"], Zone.Night), (meters["R-1"], Zone.Total) })
            {
                for (var n = random.Next(0, 4); n > 0; n--)
                {
                    var channel = random.Next(4) == 0 ? SubmissionChannel.AutoFill : SubmissionChannel.Keys;
                    var status = random.Next(5) == 0 ? ReadingStatus.NeedsReview : ReadingStatus.Accepted;
                    batch.Add(Keyed(meter, 100 * month + random.Next(100), zone, start.AddMinutes(random.Next(40_000)), channel, status, period: period));
                }
            }
        }

        await Readings.SubmitAsync(batch, default);
        var all = meters.Values.ToList();
        foreach (var period in new[] { new BillingPeriod(2026, 11), new BillingPeriod(2026, 10), new BillingPeriod(2025, 6), new BillingPeriod(2024, 1), new BillingPeriod(2027, 9), new BillingPeriod(2026, 3) })
        {
            var expected = new List<Reading>();
            foreach (var meter in all) expected.AddRange(ReadingHistory.ForRules(meter, await Readings.HistoryAsync(meter.Id, default), period));
            var loaded = await Readings.RulesHistoryAsync(all, period, default);
            Assert.Equal(expected.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id), loaded);
        }

        Assert.NotEmpty(await Readings.RulesHistoryAsync(all, new BillingPeriod(2026, 11), default));
        Assert.Empty(await Readings.RulesHistoryAsync([], new BillingPeriod(2026, 11), default));
    }
}
