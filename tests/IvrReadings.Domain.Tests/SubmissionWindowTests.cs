using IvrReadings.Domain.Tests.Support;

namespace IvrReadings.Domain.Tests;

public sealed class SubmissionWindowTests
{
    public static TheoryData<string, bool, string, string> Moments => new()
    {
        // Moscow (UTC+3): the window is 15-25 November in local time.
        { "2026-11-14T20:59:59+00:00", false, "2026-11-15", "2026-11-25" }, // 23:59:59 on the 14th in Moscow
        { "2026-11-14T21:00:00+00:00", true, "2026-11-15", "2026-11-25" },  // midnight on the 15th in Moscow
        { "2026-11-25T20:59:00+00:00", true, "2026-11-15", "2026-11-25" },  // 23:59 on the 25th
        { "2026-11-25T21:00:00+00:00", false, "2026-12-15", "2026-12-25" }, // the 26th: next month's window
        { "2026-11-01T09:00:00+03:00", false, "2026-11-15", "2026-11-25" },
        { "2026-12-31T23:00:00+03:00", false, "2027-01-15", "2027-01-25" },
    };

    [Theory]
    [MemberData(nameof(Moments))]
    public void Is_open_on_local_days_and_names_the_window_to_call_in(string instant, bool open, string opens, string closes)
    {
        var status = Some.Organisation().Window.Check(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(open, status.IsOpen);
        Assert.Equal(DateOnly.Parse(opens, System.Globalization.CultureInfo.InvariantCulture), status.Opens);
        Assert.Equal(DateOnly.Parse(closes, System.Globalization.CultureInfo.InvariantCulture), status.Closes);
    }

    [Fact]
    public void Far_east_caller_is_judged_by_the_organisations_zone()
    {
        // 23:30 on the 25th in Vladivostok is still the 25th there.
        var vladivostok = Some.Organisation(zone: "Asia/Vladivostok");
        Assert.True(vladivostok.Window.Check(new DateTimeOffset(2026, 11, 25, 23, 30, 0, TimeSpan.FromHours(10))).IsOpen);
        Assert.False(Some.Organisation().Window.Check(new DateTimeOffset(2026, 11, 14, 23, 30, 0, TimeSpan.FromHours(10))).IsOpen);
    }

    [Fact]
    public void Clamps_days_past_the_month_end()
    {
        var window = new SubmissionWindow(25, 31, "Europe/Moscow");
        Assert.Equal((new DateOnly(2027, 2, 25), new DateOnly(2027, 2, 28)), window.DatesIn(new BillingPeriod(2027, 2)));
        Assert.True(window.Check(new DateTimeOffset(2027, 2, 28, 12, 0, 0, TimeSpan.FromHours(3))).IsOpen);
    }

    [Fact]
    public void Closes_at_local_midnight_after_the_last_day() =>
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 21, 0, 0, TimeSpan.Zero), Some.Organisation().Window.ClosesAt(new BillingPeriod(2026, 11)));

    [Theory]
    [InlineData(0, 25)]
    [InlineData(15, 32)]
    [InlineData(25, 15)]
    public void Rejects_impossible_windows(int first, int last) =>
        Assert.ThrowsAny<ArgumentException>(() => new SubmissionWindow(first, last, "Europe/Moscow"));

    [Fact]
    public void Rejects_unknown_time_zone() =>
        Assert.ThrowsAny<Exception>(() => new SubmissionWindow(15, 25, "Mars/Olympus"));

    [Theory]
    [InlineData("2026-11-30T20:59:00Z", 2026, 11)] // 23:59 in Moscow
    [InlineData("2026-11-30T21:00:00Z", 2026, 12)] // midnight in Moscow: December, though still November in UTC
    [InlineData("2026-11-20T09:00:00Z", 2026, 11)] // in the window: the window's month
    public void The_period_of_a_reading_is_the_month_of_the_organisations_local_date(string utc, int year, int month) =>
        Assert.Equal(new BillingPeriod(year, month), Some.Organisation().Window.PeriodAt(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Check_reads_the_time_provider() =>
        Assert.True(Some.Organisation().Window.Check(new FixedTime(Some.Moscow(20))).IsOpen);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
