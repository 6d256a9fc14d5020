namespace IvrReadings.Domain;

/// <summary>
/// The days of each month in which readings are accepted, in the organisation's own time zone
/// (a caller in Vladivostok on the 25th at 23:30 local time is still inside a 15th-25th window).
/// </summary>
public sealed record SubmissionWindow
{
    public SubmissionWindow(int firstDay, int lastDay, string timeZoneId)
    {
        if (firstDay is < 1 or > 31) throw new ArgumentOutOfRangeException(nameof(firstDay), firstDay, "Day of month 1-31.");
        if (lastDay is < 1 or > 31) throw new ArgumentOutOfRangeException(nameof(lastDay), lastDay, "Day of month 1-31.");
        if (lastDay < firstDay) throw new ArgumentException($"The window must not wrap a month end ({firstDay}-{lastDay}).", nameof(lastDay));
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        FirstDay = firstDay;
        LastDay = lastDay;
        TimeZoneId = timeZoneId;
        // Resolve once: an unknown zone id is a configuration error and must fail at start, not at the first call.
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
    }

    public int FirstDay { get; }
    public int LastDay { get; }
    public string TimeZoneId { get; }
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The caller's moment as a local date in the organisation's zone.</summary>
    public DateOnly LocalDate(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZone).DateTime);

    /// <summary>The billing period of a reading taken at <paramref name="now"/>: the month of the organisation's local
    /// date (in the window, the window's month). Every channel, the auto-fill and the console take it from here.</summary>
    public BillingPeriod PeriodAt(DateTimeOffset now) => BillingPeriod.Of(LocalDate(now));

    /// <summary>First and last local date of the window in the given month; days past the month end are clamped (a 25th-31st window ends on 28 Feb).</summary>
    public (DateOnly Opens, DateOnly Closes) DatesIn(BillingPeriod month)
    {
        var days = DateTime.DaysInMonth(month.Year, month.Month);
        return (new DateOnly(month.Year, month.Month, Math.Min(FirstDay, days)), new DateOnly(month.Year, month.Month, Math.Min(LastDay, days)));
    }

    /// <summary>Whether a submission at <paramref name="now"/> is inside the window, and the window to tell the caller about otherwise.</summary>
    public WindowStatus Check(DateTimeOffset now)
    {
        var today = LocalDate(now);
        var month = new BillingPeriod(today.Year, today.Month);
        var (opens, closes) = DatesIn(month);
        if (today < opens) return new WindowStatus(false, opens, closes, month);
        if (today <= closes) return new WindowStatus(true, opens, closes, month);
        var next = month.Next();
        var (nextOpens, nextCloses) = DatesIn(next);
        return new WindowStatus(false, nextOpens, nextCloses, next);
    }

    public WindowStatus Check(TimeProvider time) => Check(time.GetUtcNow());

    /// <summary>The first instant after the window of <paramref name="month"/> closes (local midnight after the last day).</summary>
    public DateTimeOffset ClosesAt(BillingPeriod month)
    {
        var (_, closes) = DatesIn(month);
        var localMidnight = closes.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(localMidnight, TimeZone.GetUtcOffset(localMidnight));
    }
}

/// <summary>
/// Result of a window check: when open, the current window; when closed, the NEXT window the caller should call in
/// (this month's if it has not opened yet, next month's otherwise).
/// </summary>
public sealed record WindowStatus(bool IsOpen, DateOnly Opens, DateOnly Closes, BillingPeriod Month);
