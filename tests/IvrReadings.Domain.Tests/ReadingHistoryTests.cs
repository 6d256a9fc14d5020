using IvrReadings.Domain.Tests.Support;

namespace IvrReadings.Domain.Tests;

public sealed class ReadingHistoryTests
{
    private static readonly BillingPeriod Nov = new(2026, 11);

    [Fact]
    public void The_latest_accepted_reading_of_the_period_counts()
    {
        var history = new[]
        {
            Some.Reading(100, Nov, id: 1, at: Some.Moscow(16)),
            Some.Reading(120, Nov, id: 2, at: Some.Moscow(18)),
            Some.Reading(110, Nov, id: 3, at: Some.Moscow(17)),
            Some.Reading(999, Nov, id: 4, at: Some.Moscow(19), status: ReadingStatus.NeedsReview),
        };
        Assert.Equal(2, ReadingHistory.Counting(history, Zone.Total, Nov)!.Id);
    }

    [Fact]
    public void Equal_times_fall_back_to_the_later_id()
    {
        var history = new[] { Some.Reading(100, Nov, id: 7, at: Some.Moscow(16)), Some.Reading(101, Nov, id: 8, at: Some.Moscow(16)) };
        Assert.Equal(8, ReadingHistory.Counting(history, Zone.Total, Nov)!.Id);
    }

    [Fact]
    public void A_real_reading_beats_auto_fill_whenever_it_was_stored()
    {
        var history = new[]
        {
            Some.Reading(100, Nov, id: 1, at: Some.Moscow(20), channel: SubmissionChannel.Voice),
            Some.Reading(150, Nov, id: 2, at: Some.Moscow(26), channel: SubmissionChannel.AutoFill),
        };
        Assert.Equal(1, ReadingHistory.Counting(history, Zone.Total, Nov)!.Id);
    }

    [Fact]
    public void Average_uses_the_last_six_months_only()
    {
        // 12 months: 100 a month for the old half, 10 a month for the recent half.
        var readings = new List<Reading>();
        long value = 0;
        for (var back = 12; back >= 1; back--)
        {
            value += back > 6 ? 100 : 10;
            readings.Add(Some.Reading(value, Nov.AddMonths(-back), id: 13 - back));
        }

        Assert.Equal(10, ReadingHistory.AverageMonthlyConsumption(Some.Meter(), readings, Zone.Total, Nov));
    }

    [Fact]
    public void No_average_from_a_single_value() =>
        Assert.Null(ReadingHistory.AverageMonthlyConsumption(Some.Meter(), [Some.Reading(5, Nov.Previous())], Zone.Total, Nov));
}
