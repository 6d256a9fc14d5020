namespace IvrReadings.Speech.Recognition;

/// <summary>Speech to text for one recorded utterance. Implementations never throw for a bad
/// recording or a missing model: they say so in <see cref="RecognitionResult.Status"/>.</summary>
public interface ISpeechRecognizer
{
    Task<RecognitionResult> RecognizeAsync(string wavPath, RecognitionGrammar grammar, CancellationToken cancellationToken);
}
