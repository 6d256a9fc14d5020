namespace IvrReadings.Audio.Tests;

/// <summary>Small builders for test audio.</summary>
internal static class Some
{
    public static PcmAudio Tone(double seconds = 1.0, int sampleRate = 8000, double frequency = 440, double amplitude = 8000)
    {
        var samples = new short[(int)(seconds * sampleRate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
        }

        return new PcmAudio(sampleRate, samples);
    }

    public static string WavFile(TempDirectory dir, string name, double seconds = 1.0, int sampleRate = 8000)
    {
        var path = dir.File(name);
        WavWriter.Write(path, Tone(seconds, sampleRate));
        return path;
    }

    /// <summary>Root mean square of the samples, skipping the edges where a filter settles.</summary>
    public static double Rms(PcmAudio audio, int skip = 0)
    {
        var sum = 0.0;
        var n = 0;
        for (var i = skip; i < audio.Samples.Length - skip; i++)
        {
            sum += (double)audio.Samples[i] * audio.Samples[i];
            n++;
        }

        return n == 0 ? 0 : Math.Sqrt(sum / n);
    }
}
