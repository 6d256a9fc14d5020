using System.Diagnostics.Metrics;
using IvrReadings.Telemetry;
using DomainOutcome = IvrReadings.Domain.CallOutcome;

namespace IvrReadings.CallFlow.Runner;

/// <summary>
/// Calls by how they ended for the caller (<c>ivr_calls_total</c>, tags <c>script</c> and <c>outcome</c>: accepted,
/// operator, voice, abandoned, ...): an operator hand-off counts as one, never as a hang-up.
/// </summary>
internal static class CallMetrics
{
    private static readonly Counter<long> Calls = IvrReadingsMeter.Instance.CreateCounter<long>(
        "ivr_calls_total", "{call}", "Calls by script and by how they ended for the caller (the call log's outcome).");

    public static void Ended(string script, DomainOutcome outcome) =>
        Calls.Add(1, new KeyValuePair<string, object?>("script", script), new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant()));
}
