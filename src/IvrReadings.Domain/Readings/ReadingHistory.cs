namespace IvrReadings.Domain;

/// <summary>
/// Which reading counts. Pure functions over a meter's history, shared by the rules, the stores (same order in SQL)
/// and the export so the answer is the same everywhere.
/// </summary>
public static class ReadingHistory
{
    /// <summary>How far before the latest value the average looks (months): the rules read nothing older.</summary>
    public const int AverageMonths = 6;

    /// <summary>
    /// The counting reading of a zone in a period: accepted only; a real reading beats an auto-filled one whatever
    /// their times (a real reading in the window always wins); otherwise the latest submitted (ties: the later id).
    /// </summary>
    public static Reading? Counting(IEnumerable<Reading> history, Zone zone, BillingPeriod period) =>
        history.Where(r => r.Zone == zone && r.Period == period && r.Status == ReadingStatus.Accepted)
            .OrderByDescending(r => r.Channel != SubmissionChannel.AutoFill)
            .ThenByDescending(r => r.SubmittedAt)
            .ThenByDescending(r => r.Id)
            .FirstOrDefault();

    /// <summary>One counting value per period before <paramref name="before"/> (oldest first), with the billing-imported last reading filling its month.</summary>
    public static IReadOnlyList<PeriodValue> MonthlySeries(Meter meter, IEnumerable<Reading> history, Zone zone, BillingPeriod before)
    {
        var series = history
            .Where(r => r.Zone == zone && r.Period < before && r.Status == ReadingStatus.Accepted)
            .GroupBy(r => r.Period)
            .Select(g => new PeriodValue(g.Key, Counting(g, zone, g.Key)!.Value))
            .OrderBy(p => p.Period)
            .ToList();
        if (meter.LastFor(zone) is { } last)
        {
            // The imported value is billing's word for its month; our own reading of that month supersedes it.
            var lastPeriod = BillingPeriod.Of(last.Date);
            if (lastPeriod < before && series.TrueForAll(p => p.Period != lastPeriod))
            {
                series.Add(new PeriodValue(lastPeriod, last.Value));
                series.Sort((a, b) => a.Period.CompareTo(b.Period));
            }
        }

        return series;
    }

    /// <summary>The previous value a new reading of <paramref name="period"/> is compared with: the latest counting value of an earlier period.</summary>
    public static PeriodValue? Previous(Meter meter, IEnumerable<Reading> history, Zone zone, BillingPeriod period)
    {
        var series = MonthlySeries(meter, history, zone, period);
        return series.Count == 0 ? null : series[^1];
    }

    /// <summary>
    /// Average monthly consumption over the last six months before <paramref name="period"/>, from the first and the last
    /// known value in that span (months with no reading are covered by the difference). Null when fewer than two values.
    /// </summary>
    public static double? AverageMonthlyConsumption(Meter meter, IEnumerable<Reading> history, Zone zone, BillingPeriod period)
    {
        var series = MonthlySeries(meter, history, zone, period);
        if (series.Count < 2) return null;
        var last = series[^1];
        var first = series.First(p => p.Period >= last.Period.AddMonths(-AverageMonths));
        var months = last.Period.MonthsSince(first.Period);
        if (months <= 0) return null;
        return (double)(last.Value - first.Value) / months;
    }

    /// <summary>
    /// The periods of a zone's own readings that the rules (<see cref="Previous"/>, <see cref="AverageMonthlyConsumption"/>)
    /// look at for a reading of <paramref name="period"/>, given the latest earlier period with an accepted reading of the
    /// zone: from <see cref="AverageMonths"/> before the latest value (ours, or billing's imported one when later) up to that
    /// reading. Null when no reading of ours matters. A call loads only these (one counting reading each), so its cost does
    /// not grow with the meter's history.
    /// </summary>
    public static (BillingPeriod From, BillingPeriod To)? RulesSpan(Meter meter, Zone zone, BillingPeriod? latestReading, BillingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(meter);
        if (latestReading is not { } latest || latest >= period) return null;
        var last = latest;
        if (meter.LastFor(zone) is { } imported && BillingPeriod.Of(imported.Date) is var billed && billed < period && billed > last)
        {
            last = billed;
        }

        var from = last.AddMonths(-AverageMonths);
        return latest < from ? null : (from, latest);
    }

    /// <summary>
    /// Of a meter's whole history, what the rules need for a reading of <paramref name="period"/>: per zone, the counting
    /// reading of each period in <see cref="RulesSpan"/>, oldest first. The rules answer the same on it as on the whole
    /// history; the stores return exactly this (<see cref="IReadingStore.RulesHistoryAsync"/>) without reading the rest.
    /// </summary>
    public static IReadOnlyList<Reading> ForRules(Meter meter, IEnumerable<Reading> history, BillingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(meter);
        var accepted = history.Where(r => r.MeterId == meter.Id && r.Status == ReadingStatus.Accepted && r.Period < period).ToList();
        var kept = new List<Reading>();
        foreach (var zone in meter.Zones)
        {
            var ofZone = accepted.Where(r => r.Zone == zone).ToList();
            if (RulesSpan(meter, zone, ofZone.Count == 0 ? null : ofZone.Max(r => r.Period), period) is not var (from, to)) continue;
            for (var p = from; p <= to; p = p.Next())
            {
                if (Counting(ofZone, zone, p) is { } counting) kept.Add(counting);
            }
        }

        return [.. kept.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id)];
    }
}

/// <summary>The counting value of a zone for one billing period.</summary>
public readonly record struct PeriodValue(BillingPeriod Period, long Value);
