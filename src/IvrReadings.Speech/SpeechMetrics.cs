using System.Diagnostics.Metrics;

namespace IvrReadings.Speech;

/// <summary>
/// Speech counters on the application-wide "IvrReadings" meter; instruments from several
/// assemblies on one meter name are exported together.
/// </summary>
public static class SpeechMetrics
{
    public const string MeterName = "IvrReadings";
    public const string RecognitionsTotal = "ivr_speech_recognitions_total";

    public const string Accepted = "accepted";
    public const string NeedsReview = "needs_review";
    public const string NoModel = "no_model";
    public const string Error = "error";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Recognitions = Meter.CreateCounter<long>(
        RecognitionsTotal,
        unit: "{recognition}",
        description: "Spoken answers recognized, by outcome");

    public static void RecordRecognition(string outcome) =>
        Recognitions.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
