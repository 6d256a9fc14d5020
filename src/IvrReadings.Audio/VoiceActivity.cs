namespace IvrReadings.Audio;

/// <summary>
/// Whether a recording holds any voice: the share of 20 ms frames whose level (RMS, dB below full scale) reaches a
/// threshold. A phone that suppresses silence sends no frames at all (an empty recording); a line that sends them
/// carries noise some 50-60 dB down, speech some 10-30 dB down. The default threshold, -42 dBFS, is about Asterisk's
/// own silence threshold (256 on the 16-bit scale).
/// </summary>
public static class VoiceActivity
{
    public const double DefaultThresholdDbfs = -42;

    /// <summary>Less voice than this (a click, a breath) is no answer.</summary>
    public static readonly TimeSpan MinimumVoice = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    /// <summary>The RMS level of <paramref name="samples"/> in dBFS; negative infinity for none or digital silence.</summary>
    public static double LevelDbfs(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return double.NegativeInfinity;
        }

        double sum = 0;
        foreach (var sample in samples)
        {
            sum += (double)sample * sample;
        }

        var rms = Math.Sqrt(sum / samples.Length);
        return rms == 0 ? double.NegativeInfinity : 20 * Math.Log10(rms / 32768.0);
    }

    /// <summary>How much of <paramref name="audio"/> is at or above <paramref name="thresholdDbfs"/>, frame by frame.</summary>
    public static TimeSpan Voiced(PcmAudio audio, double thresholdDbfs = DefaultThresholdDbfs)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var frame = Math.Max(1, (int)(audio.SampleRate * Frame.TotalSeconds));
        var voicedSamples = 0L;
        for (var offset = 0; offset < audio.Samples.Length; offset += frame)
        {
            var piece = audio.Samples.AsSpan(offset, Math.Min(frame, audio.Samples.Length - offset));
            if (LevelDbfs(piece) >= thresholdDbfs)
            {
                voicedSamples += piece.Length;
            }
        }

        return TimeSpan.FromSeconds((double)voicedSamples / audio.SampleRate);
    }

    /// <summary>At least <see cref="MinimumVoice"/> of frames at or above the threshold.</summary>
    public static bool HasVoice(PcmAudio audio, double thresholdDbfs = DefaultThresholdDbfs) =>
        Voiced(audio, thresholdDbfs) >= MinimumVoice;
}
