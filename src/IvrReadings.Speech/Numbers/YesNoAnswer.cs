namespace IvrReadings.Speech.Numbers;

public enum YesNoAnswer
{
    Unclear,
    Yes,
    No,
}

/// <summary>A yes/no reading of one utterance, with the reason when it is unclear.</summary>
public sealed record YesNoParse(YesNoAnswer Answer, string? Reason)
{
    public static YesNoParse Yes { get; } = new(YesNoAnswer.Yes, null);

    public static YesNoParse No { get; } = new(YesNoAnswer.No, null);

    public static YesNoParse Unclear(string reason) => new(YesNoAnswer.Unclear, reason);
}
