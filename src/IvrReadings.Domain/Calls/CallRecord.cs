namespace IvrReadings.Domain;

/// <summary>
/// A call as the console lists it. Outcome and end are null while the call is in progress. <paramref name="Asterisk"/>:
/// Asterisk's names for the call (its unique id, channel, system), null for calls logged before they were kept.
/// </summary>
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
    DateTimeOffset? ReviewedAt,
    AsteriskCallIds? Asterisk = null);
