namespace IvrReadings.CallFlow.Prompts;

/// <summary>The languages the prompts exist in; Asterisk plays them from <c>sounds/&lt;lang&gt;/ivr-readings/</c>.</summary>
public static class CallLanguages
{
    public const string Russian = "ru";
    public const string Ukrainian = "uk";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [Russian, Ukrainian, English];

    /// <summary>Normalises "RU", "uk_UA", "en-GB" to a supported code, or null.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var code = value.Trim().ToLowerInvariant();
        if (code.Length > 2 && (code[2] == '_' || code[2] == '-'))
        {
            code = code[..2];
        }

        return All.Contains(code) ? code : null;
    }
}
