namespace IvrReadings.Domain;

public enum CallOutcome
{
    /// <summary>Every reading the caller started was stored.</summary>
    Accepted,
    /// <summary>Some readings stored, then the caller left.</summary>
    Partial,
    /// <summary>Hung up before storing anything.</summary>
    Abandoned,
    /// <summary>Transferred to a human operator.</summary>
    Operator,
    /// <summary>Voice line: audio kept for recognition / staff.</summary>
    Voice,
    TechnicalFailure,
    /// <summary>Stored readings wait for staff review.</summary>
    NeedsReview,
}
