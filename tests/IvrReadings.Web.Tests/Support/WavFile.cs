namespace IvrReadings.Web.Tests.Support;

/// <summary>Writes a PCM WAV (16-bit mono) of a tone, so a test knows the exact duration the browser must report.</summary>
public static class WavFile
{
    public static void Write(string path, double seconds, int sampleRate = 8000)
    {
        var samples = (int)Math.Round(seconds * sampleRate);
        var dataBytes = samples * 2;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + dataBytes);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(16);
        writer.Write((short)1); // PCM
        writer.Write((short)1); // mono
        writer.Write(sampleRate);
        writer.Write(sampleRate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(dataBytes);
        for (var i = 0; i < samples; i++)
        {
            writer.Write((short)(Math.Sin(2 * Math.PI * 440 * i / sampleRate) * 8000));
        }
    }
}
