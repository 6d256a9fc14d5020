namespace IvrReadings.Speech.Vosk;

/// <summary>libvosk or a model could not be loaded. Thrown instead of letting the process crash
/// on a missing native library; callers turn it into a recognition status.</summary>
public sealed class SpeechEngineUnavailableException : Exception
{
    public SpeechEngineUnavailableException(string message)
        : base(message)
    {
    }

    public SpeechEngineUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SpeechEngineUnavailableException()
    {
    }
}
