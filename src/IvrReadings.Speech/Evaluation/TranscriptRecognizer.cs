using IvrReadings.Audio;
using IvrReadings.Speech.Recognition;

namespace IvrReadings.Speech.Evaluation;

/// <summary>
/// Answers with the Vosk JSON saved beside each WAV (<c>x.json</c> or <c>x.wav.json</c>) instead of recognizing:
/// <c>speech eval DIR --transcripts</c> scores the number parser and the decision rules on those transcripts without
/// a model. The WAV is still read, so a broken recording fails as it does with Vosk.
/// </summary>
public sealed class TranscriptRecognizer : ISpeechRecognizer
{
    public Task<RecognitionResult> RecognizeAsync(string wavPath, RecognitionGrammar grammar, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(wavPath);
        ArgumentNullException.ThrowIfNull(grammar);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Answer(wavPath, null));
    }

    /// <summary>The result for <paramref name="wavPath"/> with <paramref name="json"/> as the engine's output; null:
    /// the transcript beside the WAV.</summary>
    public static RecognitionResult Answer(string wavPath, string? json)
    {
        ArgumentException.ThrowIfNullOrEmpty(wavPath);
        var duration = TimeSpan.Zero;
        if (File.Exists(wavPath))
        {
            try
            {
                duration = WavReader.Read(wavPath).Duration;
            }
            catch (WavFormatException ex)
            {
                return RecognitionResult.Failed(ex.Message);
            }
        }

        json ??= SavedTranscript(wavPath);
        if (json is null)
        {
            return RecognitionResult.Failed($"no transcript beside {wavPath} ({Path.GetFileNameWithoutExtension(wavPath)}.json)", duration);
        }

        return new RecognitionResult
        {
            Status = EngineStatus.Ok,
            Alternatives = VoskResultParser.Parse(json, int.MaxValue),
            RawJson = json,
            AudioDuration = duration,
        };
    }

    private static string? SavedTranscript(string wavPath)
    {
        foreach (var path in new[] { Path.ChangeExtension(wavPath, ".json"), wavPath + ".json" })
        {
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        return null;
    }
}
