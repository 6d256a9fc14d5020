namespace IvrReadings.Audio;

/// <summary>The file is not a WAV we can read: wrong container, not 16-bit PCM, or cut short.</summary>
public sealed class WavFormatException : Exception
{
    public WavFormatException(string message)
        : base(message)
    {
    }

    public WavFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WavFormatException()
    {
    }
}
