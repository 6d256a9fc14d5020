using IvrReadings.Domain;

namespace IvrReadings.Web.Pages;

/// <summary>Calls by outcome in a time span, through the call log's filter (one count a outcome).</summary>
public static class OutcomeCounts
{
    public static async Task<IReadOnlyList<(CallOutcome Outcome, int Calls)>> CountAsync(ICallLog calls, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var counts = new List<(CallOutcome, int)>();
        foreach (var outcome in Enum.GetValues<CallOutcome>())
        {
            var page = await calls.ListAsync(new CallFilter(From: from, To: to, Outcome: outcome, Take: 1), cancellationToken);
            counts.Add((outcome, page.Total));
        }

        return counts;
    }
}
