namespace IvrReadings.Speech.Numbers;

/// <summary>Where a number word may stand in a spoken number; the grammar is built on these.</summary>
public enum NumberWordKind
{
    Zero,
    Unit,
    Teen,
    Ten,
    Hundred,

    /// <summary>"hundred" after a smaller number ("six hundred", "twelve hundred"), as English says hundreds.</summary>
    HundredMark,
    Multiplier,
}

public readonly record struct NumberWord(NumberWordKind Kind, long Value);
