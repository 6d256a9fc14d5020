using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using IvrReadings.Speech.Evaluation;
using IvrReadings.Speech.Recognition;

namespace IvrReadings.Testing;

/// <summary>
/// A recognizer that answers with canned Vosk JSON: from a dictionary keyed by full path or file name, else from the
/// transcript beside the WAV (<see cref="TranscriptRecognizer"/>). Records every request; can pretend no model is
/// installed. The WAV is still read when present, so broken recordings fail as with the real engine.
/// </summary>
public sealed class FakeSpeechRecognizer : ISpeechRecognizer
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ConcurrentDictionary<string, string> _canned;
    private readonly ConcurrentQueue<(string WavPath, RecognitionGrammar Grammar)> _requests = new();

    public FakeSpeechRecognizer(IEnumerable<KeyValuePair<string, string>>? cannedJson = null, bool simulateNoModel = false)
    {
        _canned = new ConcurrentDictionary<string, string>(cannedJson ?? [], StringComparer.Ordinal);
        SimulateNoModel = simulateNoModel;
    }

    /// <summary>Answer every request as if no model were installed.</summary>
    public bool SimulateNoModel { get; }

    /// <summary>Every request made, in order.</summary>
    public IReadOnlyCollection<(string WavPath, RecognitionGrammar Grammar)> Requests => _requests;

    /// <summary>Adds or replaces the canned JSON for a file name or full path.</summary>
    public void Set(string fileNameOrPath, string json) => _canned[fileNameOrPath] = json;

    public Task<RecognitionResult> RecognizeAsync(string wavPath, RecognitionGrammar grammar, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(wavPath);
        ArgumentNullException.ThrowIfNull(grammar);
        cancellationToken.ThrowIfCancellationRequested();
        _requests.Enqueue((wavPath, grammar));
        return Task.FromResult(SimulateNoModel
            ? RecognitionResult.NoModel("fake recognizer: no model")
            : TranscriptRecognizer.Answer(wavPath, Canned(wavPath)));
    }

    /// <summary>Vosk single-best JSON for <paramref name="text"/>, every word at <paramref name="confidence"/>.</summary>
    public static string Json(string text, double confidence = 1.0)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select((w, i) => new Dictionary<string, object> { ["conf"] = confidence, ["end"] = (i + 1) * 0.5, ["start"] = i * 0.5, ["word"] = w });
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["result"] = words, ["text"] = text }, JsonOptions);
    }

    /// <summary>Vosk N-best JSON with the given hypotheses, best first.</summary>
    public static string Json(params (string Text, double Confidence)[] alternatives) =>
        JsonSerializer.Serialize(
            new Dictionary<string, object>
            {
                ["alternatives"] = alternatives.Select(a => new Dictionary<string, object> { ["confidence"] = a.Confidence, ["text"] = a.Text }),
            },
            JsonOptions);

    private string? Canned(string wavPath) =>
        _canned.TryGetValue(wavPath, out var json)
        || _canned.TryGetValue(Path.GetFullPath(wavPath), out json)
        || _canned.TryGetValue(Path.GetFileName(wavPath), out json)
            ? json
            : null;
}
