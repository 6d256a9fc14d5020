using IvrReadings.Settings;
using IvrReadings.Speech.Numbers;

namespace IvrReadings.Speech;

/// <summary>
/// The "Speech" configuration section. Every key has an environment form with double
/// underscores, e.g. <c>Speech__ModelPath</c>, <c>Speech__ModelPaths__uk</c>.
/// </summary>
public sealed class SpeechOptions
{
    public const string SectionName = "Speech";

    /// <summary>Language whose model <see cref="ModelPath"/> points at.</summary>
    public string DefaultLanguage { get; set; } = "ru";

    /// <summary>Directory of the model for <see cref="DefaultLanguage"/>.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Model directory per language code, overriding the search.</summary>
    public Dictionary<string, string> ModelPaths { get; set; } = [];

    /// <summary>Model directory name per language code, searched under <c>models/</c> in the working directory.</summary>
    public Dictionary<string, string> ModelNames { get; set; } = new()
    {
        ["ru"] = "vosk-model-small-ru-0.22",
        ["en"] = "vosk-model-small-en-us-0.15",
    };

    /// <summary>The folder holding libvosk.so (relative to the working directory); the only place it is loaded from.</summary>
    public string NativeLibraryDirectory { get; set; } = Vosk.VoskLibrary.DefaultDirectory;

    /// <summary>N-best size asked of Vosk.</summary>
    public int MaxAlternatives { get; set; } = 5;

    /// <summary>Recognitions at once; 0 means one per processor (Vosk uses one core per recognizer).</summary>
    public int MaxConcurrency { get; set; }

    /// <summary>Multiplies Vosk's N-best lattice scores before they become shares (see VoskResultParser).</summary>
    public double AlternativeScoreScale { get; set; } = 1.0;

    /// <summary>Load models at startup rather than on the first call (a model takes seconds to load).</summary>
    public bool PreloadModels { get; set; } = true;

    public double MinConfidence { get; set; } = 0.75;

    public double CompetitorFloor { get; set; } = 0.05;

    /// <summary>Vosk's own log level: -1 silent, 0 info.</summary>
    public int VoskLogLevel { get; set; } = -1;

    internal int EffectiveConcurrency => MaxConcurrency > 0 ? MaxConcurrency : Environment.ProcessorCount;

    /// <summary>What is wrong with these settings, one line each (empty: nothing); checked before the server starts.</summary>
    public IReadOnlyList<string> Problems() => new SettingProblems(SectionName)
        .Check(SpeechLanguages.TryParse(DefaultLanguage, out _), nameof(DefaultLanguage), $"must be ru, uk or en, not '{DefaultLanguage}'.")
        .NotEmpty(nameof(NativeLibraryDirectory), NativeLibraryDirectory)
        .AtLeast(nameof(MaxAlternatives), MaxAlternatives, 1)
        .AtLeast(nameof(MaxConcurrency), MaxConcurrency, 0)
        .Positive(nameof(AlternativeScoreScale), AlternativeScoreScale)
        .Between(nameof(MinConfidence), MinConfidence, 0.0, 1.0)
        .Between(nameof(CompetitorFloor), CompetitorFloor, 0.0, 1.0)
        .List;
}
