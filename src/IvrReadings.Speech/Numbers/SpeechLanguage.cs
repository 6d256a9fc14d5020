namespace IvrReadings.Speech.Numbers;

/// <summary>The languages callers may speak. Codes are ISO 639-1 ("ru", "uk"), as in config.</summary>
public enum SpeechLanguage
{
    Russian,
    Ukrainian,
}

public static class SpeechLanguages
{
    public static string Code(this SpeechLanguage language) => language switch
    {
        SpeechLanguage.Russian => "ru",
        SpeechLanguage.Ukrainian => "uk",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Unknown language"),
    };

    public static bool TryParse(string? code, out SpeechLanguage language)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "ru" or "rus" or "russian":
                language = SpeechLanguage.Russian;
                return true;
            case "uk" or "ukr" or "ua" or "ukrainian":
                language = SpeechLanguage.Ukrainian;
                return true;
            default:
                language = default;
                return false;
        }
    }

    public static SpeechLanguage Parse(string code) =>
        TryParse(code, out var language)
            ? language
            : throw new ArgumentException($"Unknown speech language '{code}' (expected ru or uk)", nameof(code));
}
