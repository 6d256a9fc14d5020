namespace IvrReadings.Domain;

/// <summary>A meter zone's figure as staff left it in the review form: null when the field is empty.</summary>
public sealed record StaffEntry(long MeterId, Zone Zone, long? Value);

public enum EntryVerdict
{
    /// <summary>No figure for any zone of the meter: the meter is left out.</summary>
    Empty,

    /// <summary>Stored as it is (any findings are warnings, e.g. verification overdue).</summary>
    Ok,

    /// <summary>The rules ask staff to confirm the figure, as the phone asks the caller (lower than previous, large jump).</summary>
    NeedsConfirmation,

    /// <summary>The figure breaks a rule (more digits than the meter has): correct it.</summary>
    Rejected,

    /// <summary>Some zones of the meter have a figure and some not: a meter is confirmed whole or not at all.</summary>
    Incomplete,
}

/// <summary>What the rules say about one zone's figure.</summary>
public sealed record ZoneCheck(long MeterId, Zone Zone, long? Value, EntryVerdict Verdict, IReadOnlyList<Finding> Findings);

/// <summary>The checked form: each zone's verdict and, when every filled-in meter passed, the readings to store.</summary>
public sealed record StaffEntryResult(IReadOnlyList<ZoneCheck> Zones, IReadOnlyList<StaffReading> Readings)
{
    /// <summary>Every filled-in meter passed and there is at least one.</summary>
    public bool CanStore => Readings.Count > 0 && Zones.All(z => z.Verdict is EntryVerdict.Ok or EntryVerdict.Empty);

    /// <summary>Nothing was filled in.</summary>
    public bool IsEmpty => Zones.All(z => z.Verdict == EntryVerdict.Empty);

    public ZoneCheck? For(long meterId, Zone zone) => Zones.FirstOrDefault(z => z.MeterId == meterId && z.Zone == zone);
}

/// <summary>
/// Staff figures go through the callers' rules (<see cref="ReadingCheck"/>): meter digits, lower than previous, large
/// jump, verification overdue; checked as of the call, so the period and the verification date are the caller's. Like
/// the phone, a lower or jumping figure needs a confirmation (<paramref name="confirmed"/>: the zones whose figure the
/// reviewer confirmed after seeing the findings). A figure equal to what the call gave keeps the call's channel; one
/// staff supplied or changed is channel Staff with <see cref="ReadingFlags.StaffCorrected"/>. Pure.
/// </summary>
public static class StaffEntryCheck
{
    public static StaffEntryResult Evaluate(
        Organisation organisation,
        IReadOnlyList<Meter> meters,
        IReadOnlyList<Reading> history,
        IReadOnlyList<StaffEntry> entries,
        IReadOnlyDictionary<(long MeterId, Zone Zone), long> callFigures,
        SubmissionChannel callChannel,
        DateTimeOffset callAt,
        IReadOnlySet<(long MeterId, Zone Zone, long Value)> confirmed)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(callFigures);
        ArgumentNullException.ThrowIfNull(confirmed);
        var zones = new List<ZoneCheck>();
        var readings = new List<StaffReading>();
        foreach (var meter in meters)
        {
            var values = meter.Zones.Select(z => entries.FirstOrDefault(e => e.MeterId == meter.Id && e.Zone == z)?.Value).ToList();
            if (values.TrueForAll(v => v is null))
            {
                zones.AddRange(meter.Zones.Select(z => new ZoneCheck(meter.Id, z, null, EntryVerdict.Empty, [])));
                continue;
            }

            if (values.Exists(v => v is null))
            {
                zones.AddRange(meter.Zones.Select((z, i) => new ZoneCheck(meter.Id, z, values[i], EntryVerdict.Incomplete, [])));
                continue;
            }

            var meterHistory = history.Where(r => r.MeterId == meter.Id).ToList();
            var planned = new List<StaffReading>(meter.ZoneCount);
            for (var i = 0; i < meter.Zones.Count; i++)
            {
                var zone = meter.Zones[i];
                var value = values[i]!.Value;
                var isConfirmed = confirmed.Contains((meter.Id, zone, value));
                var decision = ReadingCheck.Evaluate(organisation, meter, zone, value, meterHistory, callAt, isConfirmed);
                var verdict = decision.Kind switch
                {
                    DecisionKind.Rejected => EntryVerdict.Rejected,
                    DecisionKind.NeedsConfirmation => EntryVerdict.NeedsConfirmation,
                    _ when decision.Has(Reason.LowerThanPrevious) && !isConfirmed => EntryVerdict.NeedsConfirmation,
                    _ => EntryVerdict.Ok,
                };
                zones.Add(new ZoneCheck(meter.Id, zone, value, verdict, decision.Findings));
                if (verdict == EntryVerdict.Ok)
                {
                    var unchanged = callFigures.TryGetValue((meter.Id, zone), out var given) && given == value;
                    planned.Add(unchanged
                        ? new StaffReading(meter.Id, zone, value, decision.Period, callChannel, decision.Flags)
                        : new StaffReading(meter.Id, zone, value, decision.Period, SubmissionChannel.Staff, decision.Flags | ReadingFlags.StaffCorrected));
                }
            }

            // A meter is stored whole or not at all.
            if (planned.Count == meter.ZoneCount)
            {
                readings.AddRange(planned);
            }
        }

        return new StaffEntryResult(zones, readings);
    }
}
