using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using IvrReadings.Audio;

namespace IvrReadings.Speech.Recognition;

/// <summary>
/// A recognizer that answers with canned Vosk JSON: from a dictionary keyed by full path or
/// file name, else from a sidecar file (<c>x.json</c> or <c>x.wav.json</c> beside <c>x.wav</c>).
/// For tests of the voice flow and for evaluating the parser and chooser without a model.
/// The WAV is still read when present, so broken recordings fail as with the real engine.
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

        if (SimulateNoModel)
        {
            return Task.FromResult(RecognitionResult.NoModel("fake recognizer: no model"));
        }

        var duration = TimeSpan.Zero;
        if (File.Exists(wavPath))
        {
            try
            {
                duration = WavReader.Read(wavPath).Duration;
            }
            catch (WavFormatException ex)
            {
                return Task.FromResult(RecognitionResult.Failed(ex.Message));
            }
        }

        var json = Lookup(wavPath);
        if (json is null)
        {
            return Task.FromResult(RecognitionResult.Failed($"fake recognizer: no canned result for {wavPath}", duration));
        }

        return Task.FromResult(new RecognitionResult
        {
            Status = EngineStatus.Ok,
            Alternatives = VoskResultParser.Parse(json, int.MaxValue),
            RawJson = json,
            AudioDuration = duration,
        });
    }

    /// <summary>Vosk single-best JSON for <paramref name="text"/>, every word at <paramref name="confidence"/>.</summary>
    public static string Json(string text, double confidence = 1.0)
    {
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

    private string? Lookup(string wavPath)
    {
        if (_canned.TryGetValue(wavPath, out var json)
            || _canned.TryGetValue(Path.GetFullPath(wavPath), out json)
            || _canned.TryGetValue(Path.GetFileName(wavPath), out json))
        {
            return json;
        }

        foreach (var sidecar in new[] { Path.ChangeExtension(wavPath, ".json"), wavPath + ".json" })
        {
            if (File.Exists(sidecar))
            {
                return File.ReadAllText(sidecar);
            }
        }

        return null;
    }
}
