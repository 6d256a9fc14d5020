namespace IvrReadings.Domain;

/// <summary>What is known when a call is answered. <paramref name="Script"/> is the AGI script / flow name.</summary>
public sealed record CallStart(
    string CallId,
    SubmissionChannel Channel,
    string Script,
    string? CallerNumber,
    PromptLanguage Language,
    DateTimeOffset StartedAt);
