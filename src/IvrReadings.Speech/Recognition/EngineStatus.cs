namespace IvrReadings.Speech.Recognition;

public enum EngineStatus
{
    /// <summary>Recognition ran; the alternatives may still be empty (silence).</summary>
    Ok,

    /// <summary>No model for the language: the call goes on, the recording goes to staff.</summary>
    NoModel,

    /// <summary>The recording could not be read or the engine failed; see the error text.</summary>
    Error,
}
