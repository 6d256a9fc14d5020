using IvrReadings.CallFlow.Flow;
using IvrReadings.CallFlow.Runner;
using IvrReadings.Domain;

namespace IvrReadings.CallFlow.Tests.Runner;

/// <summary>What a call reads of a meter's history: only what the rules use, however long the history is.</summary>
public sealed class ReadingsBackendTests
{
    [Fact]
    public async Task A_call_reads_a_few_months_of_ten_years_and_ten_thousand_readings_and_judges_as_on_the_whole_history()
    {
        var stores = InMemoryStores.WithStandardFlat();
        var period = new BillingPeriod(2026, 11);
        var id = 0L;
        // Ten years of monthly readings on every zone of the flat; the kitchen meter also has 10,000 readings in October.
        for (var back = 120; back >= 1; back--)
        {
            var month = period.AddMonths(-back);
            var at = new DateTimeOffset(month.Year, month.Month, 18, 10, 0, 0, TimeSpan.Zero);
            stores.Readings.Add(Stored(++id, 1, Zone.Day, 6000 - back * 30, month, at));
            stores.Readings.Add(Stored(++id, 1, Zone.Night, 2000 - back * 10, month, at));
            stores.Readings.Add(Stored(++id, 2, Zone.Total, 100 - back / 2, month, at));
            stores.Readings.Add(Stored(++id, 3, Zone.Total, 50 - back / 3, month, at));
        }

        for (var i = 0; i < 10_000; i++)
        {
            stores.Readings.Add(Stored(++id, 2, Zone.Total, 100 + i % 5, period.AddMonths(-1), new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero).AddSeconds(i)));
        }

        var reads = new CountingReadings(stores);
        var backend = new ReadingsBackend(stores, reads, Domain.Organisation(), new FixedTime(Domain.Now));

        var account = await backend.LookupAsync("1234567", CancellationToken.None);

        // Seven months per zone at most (the average's span), not 10,480 readings.
        Assert.InRange(reads.Returned, 1, 4 * (ReadingHistory.AverageMonths + 1));
        Assert.NotNull(account);
        foreach (var (meter, flowMeter) in Domain.StandardAccount.Meters.Zip(account.Meters))
        {
            var whole = stores.Readings.Where(r => r.MeterId == meter.Id).ToList();
            foreach (var (zone, register) in meter.Zones.Zip(flowMeter.Registers))
            {
                Assert.Equal(ReadingHistory.Previous(meter, whole, zone, period)?.Value, register.Previous);
                var limit = ReadingCheck.JumpLimitFor(Domain.Organisation(), meter, zone, whole, period);
                Assert.Equal(limit is { } l ? (long)Math.Floor(l.MaxRise) : null, register.MaxIncrease);
            }
        }

        // The stored reading is judged on the same months: 200 over 104 (use ~1/month) is a confirmed jump.
        var kitchen = account.Meters[1];
        var stored = await backend.StoreAsync(new ConfirmedReading("1234567", kitchen, [200], LowerThanPrevious: false, ImplausibleJump: true), "call-1", null, CancellationToken.None);
        Assert.Equal(ReadingFlags.LargeJumpConfirmed, stored.Single().Flags);
    }

    private static Reading Stored(long id, long meter, Zone zone, long value, BillingPeriod period, DateTimeOffset at) =>
        new(id, meter, zone, value, period, at, SubmissionChannel.Keys, ReadingStatus.Accepted, ReadingFlags.None, null, null, null);

    /// <summary>The store, counting every reading it hands out.</summary>
    private sealed class CountingReadings(IReadingStore inner) : IReadingStore
    {
        public int Returned { get; private set; }

        private async Task<IReadOnlyList<Reading>> Count(Task<IReadOnlyList<Reading>> read)
        {
            var readings = await read;
            Returned += readings.Count;
            return readings;
        }

        public Task<IReadOnlyList<Reading>> SubmitAsync(IReadOnlyList<NewReading> readings, CancellationToken cancellationToken) => inner.SubmitAsync(readings, cancellationToken);

        public Task<IReadOnlyList<Reading>> HistoryAsync(long meterId, CancellationToken cancellationToken) => Count(inner.HistoryAsync(meterId, cancellationToken));

        public Task<IReadOnlyList<Reading>> RulesHistoryAsync(IReadOnlyList<Meter> meters, BillingPeriod period, CancellationToken cancellationToken) =>
            Count(inner.RulesHistoryAsync(meters, period, cancellationToken));

        public Task<IReadOnlyList<Reading>> AccountHistoryAsync(string accountNumber, CancellationToken cancellationToken) => Count(inner.AccountHistoryAsync(accountNumber, cancellationToken));

        public Task<IReadOnlyList<Reading>> ForCallAsync(string callId, CancellationToken cancellationToken) => Count(inner.ForCallAsync(callId, cancellationToken));

        public Task<AutoFillSummary> AutoFillAsync(BillingPeriod period, DateTimeOffset at, CancellationToken cancellationToken) => inner.AutoFillAsync(period, at, cancellationToken);
    }
}
