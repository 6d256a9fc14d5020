using IvrReadings.Speech.Numbers;
using Microsoft.Extensions.Options;

namespace IvrReadings.Speech.Models;

/// <summary>
/// Finds a language's model directory: the configured path first, then <c>models/&lt;name&gt;</c> in the working
/// directory (where <c>make model</c> puts it). No model is a normal state: the product runs and sends spoken answers
/// to staff.
/// </summary>
public sealed class SpeechModelLocator
{
    // A directory without these is a half-unpacked download, not a model.
    private static readonly string[] RequiredFiles = [Path.Combine("am", "final.mdl"), Path.Combine("conf", "model.conf")];

    private readonly SpeechOptions _options;

    public SpeechModelLocator(IOptions<SpeechOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    public string? ModelName(SpeechLanguage language) =>
        _options.ModelNames.TryGetValue(language.Code(), out var name) && !string.IsNullOrWhiteSpace(name) ? name : null;

    public IReadOnlyList<string> CandidateDirectories(SpeechLanguage language)
    {
        var code = language.Code();
        var candidates = new List<string>();
        if (_options.ModelPaths.TryGetValue(code, out var explicitPath) && !string.IsNullOrWhiteSpace(explicitPath))
        {
            candidates.Add(explicitPath);
        }

        if (!string.IsNullOrWhiteSpace(_options.ModelPath)
            && SpeechLanguages.TryParse(_options.DefaultLanguage, out var defaultLanguage)
            && defaultLanguage == language)
        {
            candidates.Add(_options.ModelPath);
        }

        if (ModelName(language) is { } name)
        {
            candidates.Add(Path.Combine("models", name));
        }

        return [.. candidates.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal)];
    }

    public SpeechModelStatus Locate(SpeechLanguage language)
    {
        var candidates = CandidateDirectories(language);
        var name = ModelName(language);
        foreach (var candidate in candidates)
        {
            if (IsModelDirectory(candidate))
            {
                return new SpeechModelStatus(language, true, name, candidate, $"model found at {candidate}");
            }
        }

        var reason = candidates.Count == 0
            ? $"no model configured for '{language.Code()}' (set Speech:ModelPaths:{language.Code()} or Speech:ModelNames:{language.Code()})"
            : $"no model for '{language.Code()}'; looked in {string.Join(", ", candidates)} (run scripts/speech/model.sh {language.Code()})";
        return new SpeechModelStatus(language, false, name, null, reason);
    }

    public IReadOnlyList<SpeechModelStatus> LocateAll() =>
        [.. Enum.GetValues<SpeechLanguage>().Select(Locate)];

    private static bool IsModelDirectory(string directory) =>
        Directory.Exists(directory) && RequiredFiles.All(f => File.Exists(Path.Combine(directory, f)));
}
