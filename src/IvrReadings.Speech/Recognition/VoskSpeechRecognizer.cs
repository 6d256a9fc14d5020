using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using IvrReadings.Audio;
using IvrReadings.JsonWriting;
using IvrReadings.Speech.Audio;
using IvrReadings.Speech.Models;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Vosk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrReadings.Speech.Recognition;

/// <summary>
/// Offline recognition with Vosk. One model per language is loaded on first use and shared;
/// each recognition gets its own recognizer (they are not thread-safe). How many run at once
/// (a recognizer keeps one core busy) is the <see cref="RecognitionGate"/>'s business, in
/// <see cref="SpeechRecognitionService"/>, so that live callers go first.
/// </summary>
public sealed class VoskSpeechRecognizer : ISpeechRecognizer, IDisposable
{
    // Half a second of audio per call: small enough to notice a hang-up quickly.
    private const double ChunkSeconds = 0.5;

    private static readonly JsonWriterOptions GrammarJson = new()
    {
        // Vosk reads UTF-8 JSON; keep Cyrillic as text rather than \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly SpeechModelLocator _locator;
    private readonly SpeechOptions _options;
    private readonly ILogger<VoskSpeechRecognizer> _logger;
    private readonly Lock _modelsGate = new();
    private readonly Dictionary<string, VoskModel> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string ModelPath, RecognitionGrammar Grammar), string> _grammars = new();

    public VoskSpeechRecognizer(SpeechModelLocator locator, IOptions<SpeechOptions> options, ILogger<VoskSpeechRecognizer> logger)
    {
        ArgumentNullException.ThrowIfNull(locator);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _locator = locator;
        _options = options.Value;
        _logger = logger;
        VoskLibrary.Configure(_options.NativeLibraryDirectory, _options.VoskLogLevel);
    }

    public async Task<RecognitionResult> RecognizeAsync(string wavPath, RecognitionGrammar grammar, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(wavPath);
        ArgumentNullException.ThrowIfNull(grammar);

        var status = _locator.Locate(grammar.Language);
        if (!status.ModelAvailable)
        {
            return RecognitionResult.NoModel(status.Reason);
        }

        return await Task.Run(() => Recognize(wavPath, grammar, status.ModelPath!, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Loads the language's model now if it is installed; false (logged) when it cannot be.</summary>
    public bool TryPreload(SpeechLanguage language)
    {
        var status = _locator.Locate(language);
        if (!status.ModelAvailable)
        {
            return false;
        }

        try
        {
            GetModel(status.ModelPath!);
            return true;
        }
        catch (SpeechEngineUnavailableException ex)
        {
            _logger.LogError(ex, "Speech model for {Language} could not be loaded", language);
            return false;
        }
    }

    public void Dispose()
    {
        lock (_modelsGate)
        {
            foreach (var model in _models.Values)
            {
                model.Dispose();
            }

            _models.Clear();
        }
    }

    private RecognitionResult Recognize(string wavPath, RecognitionGrammar grammar, string modelPath, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        PcmAudio audio;
        try
        {
            audio = AudioPreparation.ForRecognizer(WavReader.Read(wavPath));
        }
        catch (WavFormatException ex)
        {
            return RecognitionResult.Failed(ex.Message);
        }

        VoskModel model;
        try
        {
            model = GetModel(modelPath);
        }
        catch (SpeechEngineUnavailableException ex)
        {
            _logger.LogError(ex, "Speech engine unavailable for {Language}", grammar.Language);
            return RecognitionResult.Failed(ex.Message, audio.Duration);
        }

        var segments = RunRecognizer(model, grammar, audio, cancellationToken);
        var maxAlternatives = Math.Max(1, _options.MaxAlternatives);
        var result = new RecognitionResult
        {
            Status = EngineStatus.Ok,
            Alternatives = VoskResultParser.Parse(segments, maxAlternatives, _options.AlternativeScoreScale),
            RawJson = segments.Count == 1 ? segments[0] : "[" + string.Join(",", segments) + "]",
            AudioDuration = audio.Duration,
            ProcessingTime = stopwatch.Elapsed,
        };
        _logger.LogDebug(
            "Recognized {WavPath} ({AudioSeconds:0.0} s) in {ElapsedMs} ms: {Text}",
            wavPath,
            audio.Duration.TotalSeconds,
            stopwatch.ElapsedMilliseconds,
            result.BestText);
        return result;
    }

    private unsafe List<string> RunRecognizer(VoskModel model, RecognitionGrammar grammar, PcmAudio audio, CancellationToken cancellationToken)
    {
        using var recognizer = grammar.Kind == GrammarKind.Free
            ? VoskNative.vosk_recognizer_new(model.Handle, audio.SampleRate)
            : VoskNative.vosk_recognizer_new_grm(model.Handle, audio.SampleRate, GrammarFor(model, grammar));
        if (recognizer.IsInvalid)
        {
            throw new SpeechEngineUnavailableException($"Vosk could not create a recognizer for {grammar}");
        }

        if (_options.MaxAlternatives > 1)
        {
            VoskNative.vosk_recognizer_set_max_alternatives(recognizer, _options.MaxAlternatives);
        }
        else
        {
            // Word confidences are only given in single-best mode.
            VoskNative.vosk_recognizer_set_words(recognizer, 1);
        }

        var segments = new List<string>();
        var bytes = MemoryMarshal.AsBytes(audio.Samples.AsSpan());
        var chunk = (int)(audio.SampleRate * ChunkSeconds) * sizeof(short);
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var piece = bytes.Slice(offset, Math.Min(chunk, bytes.Length - offset));
            int accepted;
            fixed (byte* data = piece)
            {
                accepted = VoskNative.vosk_recognizer_accept_waveform(recognizer, data, piece.Length);
            }

            if (accepted < 0)
            {
                throw new SpeechEngineUnavailableException("Vosk rejected the audio");
            }

            if (accepted == 1)
            {
                // An endpoint: Vosk closed one segment (the caller paused); the next starts fresh.
                segments.Add(Copy(VoskNative.vosk_recognizer_result(recognizer)));
            }
        }

        segments.Add(Copy(VoskNative.vosk_recognizer_final_result(recognizer)));
        return segments;
    }

    private string GrammarFor(VoskModel model, RecognitionGrammar grammar) =>
        _grammars.GetOrAdd((model.Path, grammar), key =>
        {
            var words = key.Grammar.Words();
            var known = words.Where(w => w == WordNormalizer.UnknownToken || model.HasWord(w)).ToList();
            if (known.Count < words.Count)
            {
                // Expected: the grammar lists every spelling (ё or е, ' or ’) and the model knows one.
                _logger.LogDebug(
                    "Speech grammar {Grammar}: {Missing} of {Total} spellings are not in the model's vocabulary and are left out",
                    key.Grammar,
                    words.Count - known.Count,
                    words.Count);
            }

            return JsonText.String(json =>
            {
                json.WriteStartArray();
                foreach (var word in known)
                {
                    json.WriteStringValue(word);
                }

                json.WriteEndArray();
            }, GrammarJson);
        });

    private VoskModel GetModel(string modelPath)
    {
        lock (_modelsGate)
        {
            if (!_models.TryGetValue(modelPath, out var model))
            {
                var stopwatch = Stopwatch.StartNew();
                model = VoskModel.Load(modelPath);
                _models[modelPath] = model;
                _logger.LogInformation("Loaded speech model {ModelPath} in {ElapsedMs} ms", modelPath, stopwatch.ElapsedMilliseconds);
            }

            return model;
        }
    }

    private static string Copy(nint utf8) => Marshal.PtrToStringUTF8(utf8) ?? "{}";
}
