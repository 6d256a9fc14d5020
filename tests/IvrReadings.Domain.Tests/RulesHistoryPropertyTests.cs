using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IvrReadings.Domain.Tests.Support;

namespace IvrReadings.Domain.Tests;

/// <summary>
/// A call reads only <see cref="ReadingHistory.ForRules"/> of a meter's history (the stores return exactly that): on any
/// history the rules must answer the same on it as on the whole history, and it must stay a few readings per zone.
/// </summary>
public sealed class RulesHistoryPropertyTests
{
    private static readonly BillingPeriod Start = new(2024, 1);

    // Readings over three years of a two-zone meter: several per month, real and auto-filled, some not accepted, gaps.
    private static Gen<(BillingPeriod Period, Zone Zone, long Value, int Minute, SubmissionChannel Channel, ReadingStatus Status)> OneReading() =>
        from month in Gen.Choose(0, 35)
        from zone in Gen.Elements(Zone.Day, Zone.Night)
        from value in Gen.Choose(0, 50_000)
        from minute in Gen.Choose(0, 40_000)
        from channel in Gen.Elements(SubmissionChannel.Keys, SubmissionChannel.Voice, SubmissionChannel.Staff, SubmissionChannel.AutoFill)
        from status in Gen.Elements(ReadingStatus.Accepted, ReadingStatus.Accepted, ReadingStatus.Accepted, ReadingStatus.NeedsReview)
        select (Start.AddMonths(month), zone, (long)value, minute, channel, status);

    private static Gen<Case> Cases() =>
        from count in Gen.Choose(0, 60)
        from readings in Gen.ListOf(OneReading(), count)
        from imported in Gen.Choose(-1, 36)
        from period in Gen.Choose(0, 40)
        select new Case(
            Some.Meter(zones: 2, last: imported < 0 ? [] :
                [new ZoneReading(Zone.Day, 700, new DateOnly(Start.AddMonths(imported).Year, Start.AddMonths(imported).Month, 20)),
                 new ZoneReading(Zone.Night, 300, new DateOnly(Start.AddMonths(imported).Year, Start.AddMonths(imported).Month, 20))]),
            [.. readings.Select((r, i) => Some.Reading(r.Value, r.Period, r.Zone, id: i + 1,
                at: new DateTimeOffset(r.Period.Year, r.Period.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(r.Minute), channel: r.Channel, status: r.Status))],
            Start.AddMonths(period));

    [Property(MaxTest = 2_000)]
    public Property The_rules_answer_the_same_on_what_a_call_loads_as_on_the_whole_history() =>
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var organisation = Some.Organisation();
            var loaded = ReadingHistory.ForRules(c.Meter, c.History, c.Period);
            foreach (var zone in c.Meter.Zones)
            {
                Assert.Equal(ReadingHistory.Previous(c.Meter, c.History, zone, c.Period), ReadingHistory.Previous(c.Meter, loaded, zone, c.Period));
                Assert.Equal(ReadingHistory.AverageMonthlyConsumption(c.Meter, c.History, zone, c.Period),
                    ReadingHistory.AverageMonthlyConsumption(c.Meter, loaded, zone, c.Period));
                Assert.Equal(ReadingCheck.JumpLimitFor(organisation, c.Meter, zone, c.History, c.Period),
                    ReadingCheck.JumpLimitFor(organisation, c.Meter, zone, loaded, c.Period));
                Assert.True(loaded.Count(r => r.Zone == zone) <= ReadingHistory.AverageMonths + 1);
            }
        });

    [Fact]
    public void Ten_years_of_monthly_readings_and_thousands_in_one_month_load_seven_readings_per_zone()
    {
        var before = new BillingPeriod(2026, 11);
        var history = new List<Reading>();
        for (var back = 120; back >= 1; back--) history.Add(Some.Reading(100_000 - back * 10, before.AddMonths(-back), id: history.Count + 1));
        for (var i = 0; i < 10_000; i++)
            history.Add(Some.Reading(99_990 + i % 7, before.AddMonths(-1), id: history.Count + 1, at: Some.Moscow(20, month: 10).AddSeconds(i)));

        var loaded = ReadingHistory.ForRules(Some.Meter(), history, before);

        Assert.Equal(7, loaded.Count);
        Assert.Equal(history[^1], loaded[^1]);
        Assert.Equal(ReadingCheck.JumpLimitFor(Some.Organisation(), Some.Meter(), Zone.Total, history, before),
            ReadingCheck.JumpLimitFor(Some.Organisation(), Some.Meter(), Zone.Total, loaded, before));
    }

    public sealed record Case(Meter Meter, IReadOnlyList<Reading> History, BillingPeriod Period)
    {
        public override string ToString() =>
            $"period {Period}, import {string.Join(',', Meter.Last.Select(l => l.Date))}, {History.Count} readings: "
            + string.Join("; ", History.Select(r => $"#{r.Id} {r.Period} {r.Zone} {r.Value} {r.SubmittedAt:MM-dd HH:mm} {r.Channel} {r.Status}"));
    }
}
