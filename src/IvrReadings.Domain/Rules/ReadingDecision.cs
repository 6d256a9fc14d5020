namespace IvrReadings.Domain;

public enum DecisionKind
{
    /// <summary>Store it (with <see cref="ReadingDecision.Flags"/>); any findings are warnings to read to the caller.</summary>
    Ok,

    /// <summary>Ask the caller to confirm; on confirmation check again with <c>confirmed: true</c>.</summary>
    NeedsConfirmation,

    /// <summary>Do not store; tell the caller the (single) finding.</summary>
    Rejected,
}

/// <summary>The outcome of <see cref="ReadingCheck"/>.</summary>
public sealed record ReadingDecision(DecisionKind Kind, IReadOnlyList<Finding> Findings, ReadingFlags Flags, BillingPeriod Period)
{
    public bool IsOk => Kind == DecisionKind.Ok;

    public bool Has(Reason reason) => Findings.Any(f => f.Reason == reason);
}
