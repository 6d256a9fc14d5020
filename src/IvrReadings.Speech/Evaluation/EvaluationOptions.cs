namespace IvrReadings.Speech.Evaluation;

/// <summary>
/// How labelled recordings are judged. Readings are checked against a meter of
/// <see cref="DigitCapacity"/> digits with no previous reading, so only the speech decides.
/// </summary>
public sealed record EvaluationOptions
{
    public string LabelsFile { get; init; } = "labels.csv";

    public int DigitCapacity { get; init; } = 9;

    public SpeechOptions Speech { get; init; } = new();
}
