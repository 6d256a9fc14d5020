namespace IvrReadings.Web.I18n;

/// <summary>The console's UI text in one language; unknown keys show as themselves so a gap is visible, not fatal.</summary>
public sealed class UiText
{
    public static readonly IReadOnlyList<string> Languages = ["ru", "uk", "en"];

    private readonly int column;

    private UiText(string language, int column)
    {
        Language = language;
        this.column = column;
    }

    public string Language { get; }

    public string this[string key] => UiTextCatalog.Entries.TryGetValue(key, out var texts) ? texts[column] : key;

    /// <summary>An enum value's name in this language (key <c>EnumType.Value</c>).</summary>
    public string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => this[typeof(TEnum).Name + "." + value];

    public static UiText For(string? language) => Normalize(language) switch
    {
        "en" => English,
        "uk" => Ukrainian,
        _ => Russian,
    };

    /// <summary>One of ru, uk, en, or null for anything else (accepts "ru-RU", "uk_UA", "ua").</summary>
    public static string? Normalize(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }

        var code = language.Trim().ToLowerInvariant();
        code = code.Length > 2 ? code[..2] : code;
        return code switch
        {
            "ru" => "ru",
            "uk" or "ua" => "uk",
            "en" => "en",
            _ => null,
        };
    }

    private static readonly UiText English = new("en", 0);
    private static readonly UiText Russian = new("ru", 1);
    private static readonly UiText Ukrainian = new("uk", 2);
}
