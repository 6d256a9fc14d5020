namespace IvrReadings.Domain;

/// <summary>How a reading (or a call) came in.</summary>
public enum SubmissionChannel
{
    Keys,
    Voice,
    Staff,
    Import,
    AutoFill,
}
