namespace IvrReadings.Domain;

public enum CallEventKind
{
    PromptPlayed,
    Keys,
    Recognition,
    ReadingStored,
    Note,
}
