namespace IvrReadings.Speech.Numbers;

/// <summary>The languages callers may speak. Codes are ISO 639-1 ("ru", "uk", "en"), as in config.</summary>
public enum SpeechLanguage
{
    Russian,
    Ukrainian,
    English,
}

public static class SpeechLanguages
{
    public static string Code(this SpeechLanguage language) => language switch
    {
        SpeechLanguage.Russian => "ru",
        SpeechLanguage.Ukrainian => "uk",
        SpeechLanguage.English => "en",
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
            case "en" or "eng" or "english":
                language = SpeechLanguage.English;
                return true;
            default:
                language = default;
                return false;
        }
    }

    public static SpeechLanguage Parse(string code) =>
        TryParse(code, out var language)
            ? language
            : throw new ArgumentException($"Unknown speech language '{code}' (expected ru, uk or en)", nameof(code));
}
