namespace IvrReadings.Domain;

/// <summary>The time spans a dashboard covers; build with <see cref="For"/> so "today" is the organisation's local day.</summary>
public sealed record DashboardQuery(DateTimeOffset TodayFrom, DateTimeOffset TodayTo, BillingPeriod Period, DateTimeOffset PeriodFrom, DateTimeOffset PeriodTo)
{
    public static DashboardQuery For(Organisation organisation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var zone = organisation.Window.TimeZone;
        var today = organisation.Window.LocalDate(now);
        var period = BillingPeriod.Of(today);
        return new DashboardQuery(LocalMidnight(today, zone), LocalMidnight(today.AddDays(1), zone), period,
            LocalMidnight(period.FirstDay, zone), LocalMidnight(period.LastDay.AddDays(1), zone));
    }

    private static DateTimeOffset LocalMidnight(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}

public sealed record Dashboard(
    IReadOnlyDictionary<SubmissionChannel, int> CallsToday,
    IReadOnlyDictionary<SubmissionChannel, int> CallsThisPeriod,
    IReadOnlyDictionary<SubmissionChannel, int> ReadingsToday,
    IReadOnlyDictionary<SubmissionChannel, int> ReadingsThisPeriod,
    IReadOnlyList<DropOff> DropOffs,
    int ReviewBacklog);

/// <summary>Calls of the period that ended without storing everything (Abandoned, Partial), by the last step reached.</summary>
public sealed record DropOff(string LastStep, int Calls);
