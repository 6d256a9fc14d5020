namespace IvrReadings.Speech.Numbers;

/// <summary>
/// Reads a confirmation. "не" before a yes-word is a no ("не верно"); yes and no in one answer
/// ("да нет" is Russian for "no, rather") is unclear rather than guessed.
/// </summary>
public static class YesNoParser
{
    public static YesNoParse Parse(string? text, SpeechLanguage language) =>
        Parse(WordNormalizer.Tokenize(text), NumberLexicon.For(language));

    public static YesNoParse Parse(IReadOnlyList<string> tokens, NumberLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(lexicon);

        var yes = 0;
        var no = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (lexicon.Negations.Contains(token))
            {
                no++;
                if (i + 1 < tokens.Count && lexicon.YesWords.Contains(tokens[i + 1]))
                {
                    i++;
                }
            }
            else if (lexicon.NoWords.Contains(token))
            {
                no++;
            }
            else if (lexicon.YesWords.Contains(token))
            {
                yes++;
            }
            else if (token != WordNormalizer.UnknownToken && !lexicon.Fillers.Contains(token))
            {
                return YesNoParse.Unclear($"'{token}' is neither yes nor no");
            }
        }

        return (yes, no) switch
        {
            (> 0, 0) => YesNoParse.Yes,
            (0, > 0) => YesNoParse.No,
            (0, 0) => YesNoParse.Unclear("no yes or no heard"),
            _ => YesNoParse.Unclear("both yes and no heard"),
        };
    }
}
