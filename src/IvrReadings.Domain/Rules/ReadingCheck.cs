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
        var period = organisation.Window.PeriodAt(now);
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
        else if (JumpLimitFor(organisation, meter, zone, history, period) is { } limit)
        {
            if (value - limit.Previous > limit.MaxRise)
            {
                var finding = new Finding(Reason.LargeJump, Previous: limit.Previous, AverageConsumption: (long)Math.Round(limit.MonthlyUse));
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

    /// <summary>
    /// The jump rule: a rise since the previous value above <see cref="JumpLimit.MaxRise"/> needs the caller's (or staff's)
    /// confirmation. The monthly use is the meter's own average over the last six months; with a single value (billing's
    /// last reading after an import, or an empty flat's flat line) the organisation's typical use of the meter's kind,
    /// so the first reading after an import is checked too. A caller who skipped months reports several months at once:
    /// N x the use for each of them. Null when there is no previous value to rise from.
    /// </summary>
    public static JumpLimit? JumpLimitFor(Organisation organisation, Meter meter, Zone zone, IReadOnlyList<Reading> history, BillingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(meter);
        if (ReadingHistory.Previous(meter, history, zone, period) is not { } previous)
        {
            return null;
        }

        var use = ReadingHistory.AverageMonthlyConsumption(meter, history, zone, period) is { } average && average > 0
            ? average
            : organisation.TypicalMonthlyUseOf(meter);
        var months = Math.Max(1, period.MonthsSince(previous.Period));
        return new JumpLimit(previous.Value, use, organisation.JumpFactor * use * months);
    }

    public static ReadingDecision Evaluate(Organisation organisation, Meter meter, Zone zone, long value, IReadOnlyList<Reading> history,
        TimeProvider time, bool confirmed = false) =>
        Evaluate(organisation, meter, zone, value, history, time.GetUtcNow(), confirmed);

    private static ReadingDecision Reject(Finding finding, BillingPeriod period) =>
        new(DecisionKind.Rejected, [finding], ReadingFlags.None, period);
}

/// <summary>What the jump rule allows a zone: <paramref name="MaxRise"/> above <paramref name="Previous"/> is plausible.</summary>
/// <param name="MonthlyUse">The monthly use it assumed (the meter's average, or the typical use of its kind).</param>
public readonly record struct JumpLimit(long Previous, double MonthlyUse, double MaxRise);
