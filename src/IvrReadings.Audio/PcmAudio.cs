namespace IvrReadings.Audio;

/// <summary>Mono 16-bit PCM samples with their rate: the only audio shape the recognizer takes.</summary>
public sealed class PcmAudio
{
    public PcmAudio(int sampleRate, short[] samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        ArgumentNullException.ThrowIfNull(samples);
        SampleRate = sampleRate;
        Samples = samples;
    }

    public int SampleRate { get; }

    public short[] Samples { get; }

    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
}
