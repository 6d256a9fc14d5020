using IvrReadings.Speech.Numbers;

namespace IvrReadings.Speech.Recognition;

public enum GrammarKind
{
    /// <summary>Number words only: readings and account numbers.</summary>
    Numbers,

    /// <summary>Yes and no words: confirmations.</summary>
    YesNo,

    /// <summary>No grammar: the model's full vocabulary (for evaluation and diagnostics).</summary>
    Free,
}

/// <summary>
/// What the caller is expected to say. Restricting the recognizer to these words is the
/// single biggest accuracy gain on phone audio; "[unk]" lets anything else be heard as unknown
/// instead of forced onto the nearest number.
/// </summary>
public sealed record RecognitionGrammar(SpeechLanguage Language, GrammarKind Kind)
{
    public static RecognitionGrammar Numbers(SpeechLanguage language) => new(language, GrammarKind.Numbers);

    public static RecognitionGrammar YesNo(SpeechLanguage language) => new(language, GrammarKind.YesNo);

    public static RecognitionGrammar Free(SpeechLanguage language) => new(language, GrammarKind.Free);

    /// <summary>The allowed words, "[unk]" included; empty for <see cref="GrammarKind.Free"/>.</summary>
    public IReadOnlyList<string> Words()
    {
        var lexicon = NumberLexicon.For(Language);
        IEnumerable<string> words = Kind switch
        {
            GrammarKind.Numbers => lexicon.NumberGrammarWords(),
            GrammarKind.YesNo => lexicon.YesNoGrammarWords(),
            _ => [],
        };
        return Kind == GrammarKind.Free ? [] : [.. words.Where(w => w != WordNormalizer.UnknownToken), WordNormalizer.UnknownToken];
    }
}
