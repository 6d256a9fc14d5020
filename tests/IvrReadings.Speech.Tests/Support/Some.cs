using IvrReadings.Audio;

namespace IvrReadings.Speech.Tests.Support;

/// <summary>Small builders for test audio.</summary>
internal static class Some
{
    public static PcmAudio Tone(double seconds = 1.0, int sampleRate = 8000, double frequency = 440)
    {
        var samples = new short[(int)(seconds * sampleRate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(8000 * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
        }

        return new PcmAudio(sampleRate, samples);
    }

    public static string WavFile(TempDirectory dir, string name, double seconds = 1.0, int sampleRate = 8000)
    {
        var path = dir.File(name);
        WavWriter.Write(path, Tone(seconds, sampleRate));
        return path;
    }
}
