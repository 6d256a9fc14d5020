namespace IvrReadings.Domain;

public enum RecognitionStatus
{
    /// <summary>Waiting in the recognition queue.</summary>
    Pending,
    /// <summary>Recognized with confidence: the readings were stored as Accepted.</summary>
    Recognized,
    /// <summary>Heard something, not sure: staff must listen.</summary>
    Uncertain,
    /// <summary>Silence or noise only.</summary>
    NoSpeech,
    /// <summary>Nothing was said: no audio at all, or only silence below the level. The caller was asked again; nothing for staff.</summary>
    NoAnswer,
    /// <summary>Recognition kept failing (engine error, bad file).</summary>
    Failed,
    /// <summary>Staff listened and entered / confirmed the figures.</summary>
    Resolved,
}
