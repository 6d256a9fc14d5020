using IvrReadings.Audio;

namespace IvrReadings.Web.Tests.Support;

/// <summary>Writes a PCM WAV (16-bit mono) of a tone, so a test knows the exact duration the browser must report.</summary>
public static class WavFile
{
    public static void Write(string path, double seconds, int sampleRate = 8000)
    {
        var samples = new short[(int)Math.Round(seconds * sampleRate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(Math.Sin(2 * Math.PI * 440 * i / sampleRate) * 8000);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WavWriter.Write(path, new PcmAudio(sampleRate, samples));
    }
}
