namespace IvrReadings.Domain;

/// <summary>A call as the console lists it. Outcome and end are null while the call is in progress.</summary>
public sealed record CallRecord(
    string CallId,
    SubmissionChannel Channel,
    string Script,
    string? CallerNumber,
    PromptLanguage Language,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    CallOutcome? Outcome,
    string? LastStep,
    string? AccountNumber,
    string? ReviewedBy,
    DateTimeOffset? ReviewedAt);
