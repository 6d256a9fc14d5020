namespace IvrReadings.Domain;

/// <summary>
/// Which reading counts. Pure functions over a meter's history, shared by the rules, the stores (same order in SQL)
/// and the export so the answer is the same everywhere.
/// </summary>
public static class ReadingHistory
{
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
        var first = series.First(p => p.Period >= last.Period.AddMonths(-6));
        var months = last.Period.MonthsSince(first.Period);
        if (months <= 0) return null;
        return (double)(last.Value - first.Value) / months;
    }
}

/// <summary>The counting value of a zone for one billing period.</summary>
public readonly record struct PeriodValue(BillingPeriod Period, long Value);
