namespace IvrReadings.Domain.Tests.Support;

/// <summary>Builders for test data: only what a test cares about is spelled out in it.</summary>
internal static class Some
{
    public static Organisation Organisation(int first = 15, int last = 25, string zone = "Europe/Moscow", int jump = 3) =>
        new("Test Energo", new SubmissionWindow(first, last, zone), PromptLanguage.Ru, 5, 12, jump);

    /// <summary>Noon Moscow time on the given day of November 2026.</summary>
    public static DateTimeOffset Moscow(int day, int hour = 12, int month = 11, int year = 2026) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(3));

    public static Meter Meter(long id = 1, int zones = 1, int digits = 6, IReadOnlyList<ZoneReading>? last = null, DateOnly? verification = null, long? autoFill = null,
        MeterKind kind = MeterKind.Electricity) =>
        new(id, "1234567", "E-" + id, kind, zones, digits, "", last ?? [], verification, autoFill);

    public static Reading Reading(long value, BillingPeriod period, Zone zone = Zone.Total, long id = 0, DateTimeOffset? at = null,
        SubmissionChannel channel = SubmissionChannel.Keys, ReadingStatus status = ReadingStatus.Accepted, long meterId = 1) =>
        new(id, meterId, zone, value, period, at ?? new DateTimeOffset(period.Year, period.Month, 18, 10, 0, 0, TimeSpan.Zero), channel, status, ReadingFlags.None,
            null, null, null);

    /// <summary>A steady monthly history of a single-zone meter: <paramref name="months"/> readings ending the month before <paramref name="before"/>.</summary>
    public static IReadOnlyList<Reading> SteadyHistory(BillingPeriod before, long lastValue, long perMonth, int months = 6) =>
        Enumerable.Range(1, months).Select(back => Reading(lastValue - (back - 1) * perMonth, before.AddMonths(-back), id: back)).Reverse().ToList();
}
