namespace IvrReadings.Domain;

/// <summary>The language the robot speaks to callers.</summary>
public enum PromptLanguage
{
    Ru,
    Uk,
    En,
}
