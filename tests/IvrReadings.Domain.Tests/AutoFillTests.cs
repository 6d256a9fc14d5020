using IvrReadings.Domain.Tests.Support;

namespace IvrReadings.Domain.Tests;

public sealed class AutoFillTests
{
    private static readonly BillingPeriod Nov = new(2026, 11);
    private static readonly DateTimeOffset Closed = Some.Moscow(26, 0);

    [Fact]
    public void Previous_plus_the_chosen_amount_for_every_zone()
    {
        var meter = Some.Meter(zones: 2, autoFill: 50, last: [new(Zone.Day, 6100, new DateOnly(2026, 10, 20)), new(Zone.Night, 2010, new DateOnly(2026, 10, 20))]);
        var plan = AutoFill.Plan(meter, [], Nov, Closed);
        Assert.Equal([(Zone.Day, 6150L), (Zone.Night, 2060L)], plan.Select(r => (r.Zone, r.Value)));
        Assert.All(plan, r =>
        {
            Assert.Equal(SubmissionChannel.AutoFill, r.Channel);
            Assert.Equal(ReadingFlags.AutoFilled, r.Flags);
            Assert.Equal(Nov, r.Period);
            Assert.Equal(ReadingStatus.Accepted, r.Status);
        });
    }

    [Fact]
    public void Zero_for_an_empty_flat_repeats_the_previous_value() =>
        Assert.Equal(1000, AutoFill.Plan(Some.Meter(autoFill: 0), Some.SteadyHistory(Nov, 1000, 10), Nov, Closed).Single().Value);

    [Fact]
    public void The_previous_value_is_the_latest_counting_one()
    {
        var meter = Some.Meter(autoFill: 10, last: [new(Zone.Total, 500, new DateOnly(2026, 6, 20))]);
        Assert.Equal(1010, AutoFill.Plan(meter, Some.SteadyHistory(Nov, 1000, 100, months: 2), Nov, Closed).Single().Value);
    }

    public static TheoryData<string, Reading[]> Blocking => new()
    {
        { "a reading keyed this period", [Some.Reading(1, Nov, channel: SubmissionChannel.Keys)] },
        { "a voice reading waiting for review", [Some.Reading(1, Nov, channel: SubmissionChannel.Voice, status: ReadingStatus.NeedsReview)] },
        { "auto-fill already ran", [Some.Reading(1, Nov, channel: SubmissionChannel.AutoFill)] },
    };

    [Theory]
    [MemberData(nameof(Blocking))]
    public void Never_over_a_reading_of_the_period(string because, Reading[] history)
    {
        var meter = Some.Meter(autoFill: 10, last: [new(Zone.Total, 500, new DateOnly(2026, 10, 20))]);
        Assert.True(AutoFill.Plan(meter, history, Nov, Closed).Count == 0, because);
    }

    [Fact]
    public void Nothing_without_an_amount_or_a_previous_value()
    {
        Assert.Empty(AutoFill.Plan(Some.Meter(), Some.SteadyHistory(Nov, 1000, 10), Nov, Closed));
        Assert.Empty(AutoFill.Plan(Some.Meter(autoFill: 10), [], Nov, Closed));
    }

    [Fact]
    public void Not_when_billing_already_has_a_reading_of_the_period()
    {
        var meter = Some.Meter(autoFill: 10, last: [new(Zone.Total, 500, new DateOnly(2026, 11, 20))]);
        Assert.Empty(AutoFill.Plan(meter, Some.SteadyHistory(Nov, 400, 10), Nov, Closed));
    }

    [Fact]
    public void A_meter_passing_its_last_digit_rolls_over()
    {
        var meter = Some.Meter(digits: 4, autoFill: 20, last: [new(Zone.Total, 9990, new DateOnly(2026, 10, 20))]);
        Assert.Equal(10, AutoFill.Plan(meter, [], Nov, Closed).Single().Value);
    }

    [Theory]
    [InlineData(25, 23, false)]
    [InlineData(26, 0, true)]
    public void Is_due_once_the_window_has_closed(int day, int hour, bool due) =>
        Assert.Equal(due, AutoFill.IsDue(Some.Organisation(), Nov, Some.Moscow(day, hour)));
}
