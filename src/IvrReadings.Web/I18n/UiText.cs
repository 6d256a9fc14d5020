using System.Globalization;

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

    /// <summary>
    /// A count with the noun in the right plural form: the entry holds the forms separated by '|' with {0} for the number,
    /// English one|other, Russian and Ukrainian one|few|many ("1 звонок", "2 звонка", "5 звонков", "21 звонок", "11 звонков").
    /// </summary>
    public string Count(string key, long n)
    {
        var forms = this[key].Split('|');
        var form = forms[Math.Min(PluralForm(Language, n), forms.Length - 1)];
        return form.Replace("{0}", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>0 = one, 1 = few (ru/uk) or other (en), 2 = many.</summary>
    public static int PluralForm(string language, long n)
    {
        n = Math.Abs(n);
        if (language == "en")
        {
            return n == 1 ? 0 : 1;
        }

        var ones = n % 10;
        var tens = n % 100;
        if (ones == 1 && tens != 11)
        {
            return 0;
        }

        return ones is >= 2 and <= 4 && tens is < 12 or > 14 ? 1 : 2;
    }

    /// <summary>A call-flow step as staff read it ("ConfirmReading" → "confirming the reading"); an unknown step shows as it is.</summary>
    public string Step(string? step) =>
        string.IsNullOrEmpty(step) ? "—" : UiTextCatalog.Entries.TryGetValue("step." + step, out var texts) ? texts[column] : step;

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
