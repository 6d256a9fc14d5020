namespace IvrReadings.Speech.Numbers;

/// <summary>
/// Every word the parser knows for one language, normalized by <see cref="WordNormalizer"/>.
/// The same lists feed the recognizer's grammar, so what Vosk may say is exactly what we parse.
/// </summary>
public sealed class NumberLexicon
{
    private readonly Dictionary<string, NumberWord> _numbers = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _numberSpellings = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _yesNoSpellings = new(StringComparer.Ordinal);

    internal NumberLexicon(
        SpeechLanguage language,
        IEnumerable<(long Value, NumberWordKind Kind, string[] Forms)> numbers,
        LexiconWords words)
    {
        Language = language;
        foreach (var (value, kind, forms) in numbers)
        {
            foreach (var form in forms)
            {
                var key = WordNormalizer.Normalize(form);
                if (_numbers.TryGetValue(key, out var existing) && existing != new NumberWord(kind, value))
                {
                    // A form meaning two numbers would make parses depend on table order.
                    throw new InvalidOperationException($"'{form}' is listed as both {existing.Value} and {value}");
                }

                _numbers[key] = new NumberWord(kind, value);
                AddSpellings(_numberSpellings, form);
            }
        }

        foreach (var form in words.DecimalPoints.Concat(words.FractionWords).Concat(words.Fillers))
        {
            AddSpellings(_numberSpellings, form);
        }

        foreach (var form in words.Yes.Concat(words.No).Concat(words.Negations))
        {
            AddSpellings(_yesNoSpellings, form);
        }

        Fillers = Set(words.Fillers);
        DecimalPoints = Set(words.DecimalPoints);
        FractionWords = Set(words.FractionWords);
        YesWords = Set(words.Yes);
        NoWords = Set(words.No);
        Negations = Set(words.Negations);
    }

    public SpeechLanguage Language { get; }

    public IReadOnlyDictionary<string, NumberWord> Numbers => _numbers;

    /// <summary>Hesitations and lead-ins ("э", "ну", "показания") that carry no digits.</summary>
    public IReadOnlySet<string> Fillers { get; }

    /// <summary>Words that mark the decimal point; what follows them is dropped by the keying rule.</summary>
    public IReadOnlySet<string> DecimalPoints { get; }

    /// <summary>"десятых", "сотих": only meaningful after a decimal point.</summary>
    public IReadOnlySet<string> FractionWords { get; }

    public IReadOnlySet<string> YesWords { get; }

    public IReadOnlySet<string> NoWords { get; }

    /// <summary>"не": turns a following yes-word ("не верно") into a no.</summary>
    public IReadOnlySet<string> Negations { get; }

    public static NumberLexicon Russian { get; } = RussianNumberWords.Build();

    public static NumberLexicon Ukrainian { get; } = UkrainianNumberWords.Build();

    public static NumberLexicon English { get; } = EnglishNumberWords.Build();

    public static NumberLexicon For(SpeechLanguage language) => language switch
    {
        SpeechLanguage.Russian => Russian,
        SpeechLanguage.Ukrainian => Ukrainian,
        SpeechLanguage.English => English,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Unknown language"),
    };

    /// <summary>
    /// Words a recognizer grammar should allow when a number is expected, in every spelling a
    /// model's vocabulary may use (with and without ё, with ' or ’ or no apostrophe); the
    /// recognizer keeps those its model knows.
    /// </summary>
    public IReadOnlyList<string> NumberGrammarWords() => [.. _numberSpellings];

    /// <summary>Words a recognizer grammar should allow when a yes or no is expected.</summary>
    public IReadOnlyList<string> YesNoGrammarWords() => [.. _yesNoSpellings];

    private static void AddSpellings(SortedSet<string> spellings, string form)
    {
        var lower = form.ToLowerInvariant();
        spellings.Add(lower);
        spellings.Add(WordNormalizer.Normalize(lower));
        if (lower.Contains('\'', StringComparison.Ordinal))
        {
            spellings.Add(lower.Replace('\'', '’'));
            spellings.Add(lower.Replace('\'', 'ʼ'));
        }
    }

    private static HashSet<string> Set(IEnumerable<string> forms) =>
        new(forms.Select(WordNormalizer.Normalize), StringComparer.Ordinal);
}

internal sealed record LexiconWords(
    string[] Fillers,
    string[] DecimalPoints,
    string[] FractionWords,
    string[] Yes,
    string[] No,
    string[] Negations);
