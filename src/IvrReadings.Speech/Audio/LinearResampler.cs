namespace IvrReadings.Speech.Audio;

/// <summary>
/// Linear-interpolation resampling. Only used when a recording is at a rate the recognizer
/// should not be given directly (8 and 16 kHz go straight to Vosk, which handles them);
/// linear is enough for speech already band-limited by the phone line.
/// </summary>
public static class LinearResampler
{
    public static PcmAudio Resample(PcmAudio audio, int targetRate)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetRate, 1000);
        if (audio.SampleRate == targetRate || audio.Samples.Length == 0)
        {
            return audio.SampleRate == targetRate ? audio : new PcmAudio(targetRate, []);
        }

        var source = audio.Samples;
        var length = (int)((long)source.Length * targetRate / audio.SampleRate);
        var result = new short[length];
        var step = (double)audio.SampleRate / targetRate;
        for (var i = 0; i < length; i++)
        {
            var position = i * step;
            var index = (int)position;
            var fraction = position - index;
            var a = source[Math.Min(index, source.Length - 1)];
            var b = source[Math.Min(index + 1, source.Length - 1)];
            result[i] = (short)Math.Round(a + ((b - a) * fraction));
        }

        return new PcmAudio(targetRate, result);
    }
}
