namespace IvrReadings.Domain;

/// <summary>A piece of audio the caller spoke. <paramref name="FilePath"/> is relative to the recordings directory.</summary>
public sealed record NewRecording(
    string CallId,
    string Step,
    string FilePath,
    DateTimeOffset RecordedAt,
    string? AccountNumber = null,
    long? MeterId = null,
    Zone? Zone = null);

public sealed record Recording(
    long Id,
    string CallId,
    string Step,
    string FilePath,
    DateTimeOffset RecordedAt,
    string? AccountNumber,
    long? MeterId,
    Zone? Zone,
    string? RecognizedText,
    string? AlternativesJson,
    RecognitionStatus Status);

/// <summary>What the recognizer made of a recording; <paramref name="AlternativesJson"/> is the engine's n-best list as JSON.</summary>
public sealed record RecognitionResult(RecognitionStatus Status, string? Text, string? AlternativesJson);
