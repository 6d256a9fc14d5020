namespace IvrReadings.Domain;

/// <summary>
/// The rules for one keyed (or spoken) value: a pure function of the meter, its history and the moment.
/// Hard failures reject; surprises the caller can vouch for ask for confirmation; the rest are stored with flags.
/// </summary>
public static class ReadingCheck
{
    public static ReadingDecision Evaluate(Organisation organisation, Meter meter, Zone zone, long value, IReadOnlyList<Reading> history,
        DateTimeOffset now, bool confirmed = false)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(history);
        if (!meter.Zones.Contains(zone)) throw new ArgumentException($"Meter {meter.Serial} has no zone {zone}.", nameof(zone));

        var window = organisation.Window.Check(now);
        var period = window.IsOpen ? window.Month : BillingPeriod.Of(organisation.Window.LocalDate(now));
        if (!window.IsOpen)
            return Reject(new Finding(Reason.OutsideWindow, WindowOpens: window.Opens, WindowCloses: window.Closes), period);

        if (value < 0 || value > meter.Capacity)
            return Reject(new Finding(Reason.TooManyDigits, Digits: meter.Digits), period);

        var findings = new List<Finding>();
        var flags = ReadingFlags.None;
        var previous = ReadingHistory.Previous(meter, history, zone, period);
        if (previous is { } prev && value < prev.Value)
        {
            findings.Add(new Finding(Reason.LowerThanPrevious, Previous: prev.Value));
            flags |= ReadingFlags.LowerThanPrevious;
        }
        else if (previous is { } p && ReadingHistory.AverageMonthlyConsumption(meter, history, zone, period) is { } average && average > 0)
        {
            // A caller who skipped months reports several months at once: allow N x average for each of them.
            var months = Math.Max(1, period.MonthsSince(p.Period));
            var consumption = value - p.Value;
            if (consumption > organisation.JumpFactor * average * months)
            {
                var finding = new Finding(Reason.LargeJump, Previous: p.Value, AverageConsumption: (long)Math.Round(average));
                if (!confirmed) return new ReadingDecision(DecisionKind.NeedsConfirmation, [finding], flags, period);
                findings.Add(finding);
                flags |= ReadingFlags.LargeJumpConfirmed;
            }
        }

        // The local date decides: a check due "on the 20th" is overdue from the 21st in the organisation's zone.
        var today = organisation.Window.LocalDate(now);
        if (meter.NextVerification is { } due && due < today)
        {
            findings.Add(new Finding(Reason.VerificationOverdue, VerificationDue: due));
            flags |= ReadingFlags.VerificationOverdue;
        }

        return new ReadingDecision(DecisionKind.Ok, findings, flags, period);
    }

    public static ReadingDecision Evaluate(Organisation organisation, Meter meter, Zone zone, long value, IReadOnlyList<Reading> history,
        TimeProvider time, bool confirmed = false) =>
        Evaluate(organisation, meter, zone, value, history, time.GetUtcNow(), confirmed);

    private static ReadingDecision Reject(Finding finding, BillingPeriod period) =>
        new(DecisionKind.Rejected, [finding], ReadingFlags.None, period);
}
