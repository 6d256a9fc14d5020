namespace IvrReadings.Speech.Numbers;

public enum NumberParseStatus
{
    /// <summary>One definite figure.</summary>
    Number,

    /// <summary>Number words, but arranged so that more than one figure could be meant.</summary>
    Ambiguous,

    /// <summary>No figure at all: silence, fillers only, or words that are not numbers.</summary>
    NotANumber,
}

/// <summary>How the caller said the figure; staff see it next to a queued reading.</summary>
public enum NumberForm
{
    None,

    /// <summary>One whole number: "шесть тысяч сто шестнадцать".</summary>
    Cardinal,

    /// <summary>Digits or groups one after another: "один два три", "шестьдесят один шестнадцать".</summary>
    Dictation,
}

/// <summary>
/// The outcome of reading one utterance as a number. <see cref="Digits"/> keeps leading zeros
/// ("ноль один два" is "012"), which matter for account numbers but not for meter values.
/// </summary>
public sealed record NumberParse
{
    private NumberParse(NumberParseStatus status, string? digits, NumberForm form, bool droppedFraction, string? reason)
    {
        Status = status;
        Digits = digits;
        Form = form;
        DroppedFraction = droppedFraction;
        Reason = reason;
    }

    public NumberParseStatus Status { get; }

    public string? Digits { get; }

    public NumberForm Form { get; }

    /// <summary>True when digits after a spoken decimal point were dropped (callers key whole units).</summary>
    public bool DroppedFraction { get; }

    /// <summary>Why the parse is not a number; null for a number.</summary>
    public string? Reason { get; }

    public bool IsNumber => Status == NumberParseStatus.Number;

    public long? Value => Digits is null ? null : long.Parse(Digits, System.Globalization.CultureInfo.InvariantCulture);

    public static NumberParse Number(string digits, NumberForm form, bool droppedFraction) =>
        new(NumberParseStatus.Number, digits, form, droppedFraction, null);

    public static NumberParse Ambiguous(string reason) => new(NumberParseStatus.Ambiguous, null, NumberForm.None, false, reason);

    public static NumberParse NotANumber(string reason) => new(NumberParseStatus.NotANumber, null, NumberForm.None, false, reason);

    public override string ToString() => Status == NumberParseStatus.Number ? $"{Digits} ({Form})" : $"{Status}: {Reason}";
}
