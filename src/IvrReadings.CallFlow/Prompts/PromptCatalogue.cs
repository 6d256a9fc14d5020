using System.Reflection;
using System.Text.Json;

namespace IvrReadings.CallFlow.Prompts;

/// <summary>
/// Prompt ids with their text per language (sounds/catalogue.json, embedded). The WAV of a prompt is
/// sounds/&lt;lang&gt;/&lt;id&gt;.wav; Asterisk plays it as <c>ivr-readings/&lt;id&gt;</c>.
/// </summary>
public sealed class PromptCatalogue
{
    public const string AsteriskFolder = "ivr-readings";
    private const string ResourceName = "IvrReadings.CallFlow.catalogue.json";

    private readonly Dictionary<string, Dictionary<string, string>> _texts;

    private PromptCatalogue(Dictionary<string, Dictionary<string, string>> texts) => _texts = texts;

    public static PromptCatalogue Default { get; } = LoadEmbedded();

    public IEnumerable<string> Ids => _texts.Keys;

    public bool Contains(string id) => _texts.ContainsKey(id);

    /// <summary>The text of a prompt in a language (falls back to English, then to the id itself).</summary>
    public string Text(string id, string language)
    {
        if (!_texts.TryGetValue(id, out var byLanguage))
        {
            return id;
        }

        return byLanguage.TryGetValue(language, out var text) ? text
            : byLanguage.TryGetValue(CallLanguages.English, out var en) ? en
            : id;
    }

    /// <summary>The prompts as one phrase: "шесть тысяч сто шестнадцать".</summary>
    public string Phrase(IEnumerable<string> ids, string language) =>
        string.Join(' ', ids.Select(id => Text(id, language)).Where(t => t.Length > 0));

    /// <summary>The file name Asterisk plays (relative to its sounds/&lt;lang&gt; directory).</summary>
    public static string AsteriskFile(string id) => $"{AsteriskFolder}/{id}";

    public static PromptCatalogue Parse(Stream json)
    {
        using var doc = JsonDocument.Parse(json);
        var texts = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var prompt in doc.RootElement.GetProperty("prompts").EnumerateObject())
        {
            texts[prompt.Name] = prompt.Value.EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
        }

        return new PromptCatalogue(texts);
    }

    private static PromptCatalogue LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        return Parse(stream);
    }
}
