namespace IvrReadings.Speech.Recognition;

/// <summary>What the engine heard, best first, plus the raw JSON kept for staff and audits.</summary>
public sealed record RecognitionResult
{
    public required EngineStatus Status { get; init; }

    public IReadOnlyList<RecognitionAlternative> Alternatives { get; init; } = [];

    /// <summary>The engine's JSON exactly as returned (a JSON array when the utterance came in several segments).</summary>
    public string RawJson { get; init; } = "";

    public TimeSpan AudioDuration { get; init; }

    public TimeSpan ProcessingTime { get; init; }

    /// <summary>Why the status is not <see cref="EngineStatus.Ok"/>.</summary>
    public string? Error { get; init; }

    public string BestText => Alternatives.Count > 0 ? Alternatives[0].Text : "";

    public static RecognitionResult NoModel(string reason) => new() { Status = EngineStatus.NoModel, Error = reason };

    public static RecognitionResult Failed(string error, TimeSpan audioDuration = default) =>
        new() { Status = EngineStatus.Error, Error = error, AudioDuration = audioDuration };
}
