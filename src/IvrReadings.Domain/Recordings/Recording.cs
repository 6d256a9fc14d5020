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

/// <param name="AudioInDatabase">The audio is kept in the database (<see cref="RecordingAudio"/>): any server can play it.</param>
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
    RecognitionStatus Status,
    bool AudioInDatabase = false);

/// <summary>A recording's audio as kept in the database: the file's bytes and their type (<c>audio/wav</c>).</summary>
public sealed record RecordingAudio(string ContentType, byte[] Bytes)
{
    public const string Wav = "audio/wav";
}

/// <summary>What the recognizer made of a recording; <paramref name="AlternativesJson"/> is the engine's n-best list as JSON.</summary>
public sealed record RecognitionResult(RecognitionStatus Status, string? Text, string? AlternativesJson);
