using System.Diagnostics.Metrics;
using IvrReadings.Telemetry;

namespace IvrReadings.Speech;

/// <summary>Speech counters on the product's one meter (<see cref="IvrReadingsMeter"/>).</summary>
public static class SpeechMetrics
{
    public const string MeterName = IvrReadingsMeter.Name;
    public const string RecognitionsTotal = "ivr_speech_recognitions_total";

    public const string Accepted = "accepted";
    public const string NeedsReview = "needs_review";
    public const string NoModel = "no_model";
    public const string Error = "error";

    private static readonly Counter<long> Recognitions = IvrReadingsMeter.Instance.CreateCounter<long>(
        RecognitionsTotal,
        unit: "{recognition}",
        description: "Spoken answers recognized, by outcome");

    public static void RecordRecognition(string outcome) =>
        Recognitions.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
