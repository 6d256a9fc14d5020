namespace IvrReadings.Domain;

/// <summary>
/// Auto-fill after the window closes: previous + the householder's monthly amount, for each zone of a meter that
/// asked for it and got no reading this period. Pure: storage runs it once per period inside one transaction.
/// </summary>
public static class AutoFill
{
    public static IReadOnlyList<NewReading> Plan(Meter meter, IReadOnlyList<Reading> history, BillingPeriod period, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(history);
        if (meter.AutoFillAmount is not { } amount) return [];

        // Any reading of the period, even one waiting for review, means a person reported: never auto-fill over it.
        if (history.Any(r => r.Period == period && r.Channel != SubmissionChannel.AutoFill)) return [];
        if (history.Any(r => r.Period == period && r.Channel == SubmissionChannel.AutoFill)) return [];

        var planned = new List<NewReading>(meter.ZoneCount);
        foreach (var zone in meter.Zones)
        {
            // Billing already holds a reading of this period (imported last reading): nothing to invent.
            if (meter.LastFor(zone) is { } billed && BillingPeriod.Of(billed.Date) >= period) return [];
            // With nothing to add to there is no honest figure to invent: leave the meter to billing's estimate.
            if (ReadingHistory.Previous(meter, history, zone, period) is not { } previous) return [];
            // A meter that passes its last digit rolls over to zero, as the dial itself does.
            var value = (previous.Value + amount) % (meter.Capacity + 1);
            planned.Add(new NewReading(meter.Id, zone, value, period, at, SubmissionChannel.AutoFill, ReadingStatus.Accepted, ReadingFlags.AutoFilled));
        }

        return planned;
    }

    /// <summary>Whether the window of <paramref name="period"/> has closed at <paramref name="now"/>, so auto-fill may run.</summary>
    public static bool IsDue(Organisation organisation, BillingPeriod period, DateTimeOffset now) =>
        now >= organisation.Window.ClosesAt(period);
}
