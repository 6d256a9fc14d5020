namespace IvrReadings.Domain;

/// <summary>
/// What is known when a call is answered. <paramref name="CallId"/> is the server's own id for the call (never
/// Asterisk's); <paramref name="Script"/> is the AGI script / flow name; <paramref name="Asterisk"/> Asterisk's names for it.
/// </summary>
public sealed record CallStart(
    string CallId,
    SubmissionChannel Channel,
    string Script,
    string? CallerNumber,
    PromptLanguage Language,
    DateTimeOffset StartedAt,
    AsteriskCallIds? Asterisk = null);
