using System.Buffers.Binary;
using IvrReadings.Audio;

namespace IvrReadings.AsteriskSim;

/// <summary>8 kHz 16-bit mono PCM WAV, the format Asterisk records with <c>wav</c> (read and written by the audio module).</summary>
public static class WavFile
{
    public const int SampleRate = 8000;

    public static void Write(string path, ReadOnlySpan<byte> pcm) => WavWriter.Write(path, pcm, SampleRate);

    /// <summary>
    /// The 16-bit samples of a WAV file as bytes, or the whole file when it does not start with a RIFF header (raw
    /// PCM for the simulated caller to say). A WAV file that is malformed throws <see cref="WavFormatException"/>.
    /// </summary>
    public static byte[] ReadPcm(string path)
    {
        using (var file = File.OpenRead(path))
        {
            Span<byte> magic = stackalloc byte[4];
            if (file.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || !magic.SequenceEqual("RIFF"u8))
            {
                file.Position = 0;
                var raw = new byte[file.Length];
                file.ReadExactly(raw);
                return raw;
            }
        }

        var audio = WavReader.Read(path);
        var pcm = new byte[audio.Samples.Length * 2];
        for (var i = 0; i < audio.Samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), audio.Samples[i]);
        }

        return pcm;
    }

    public static byte[] Tone(double seconds, double hertz = 440)
    {
        var samples = (int)(seconds * SampleRate);
        var pcm = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(8000 * Math.Sin(2 * Math.PI * hertz * i / SampleRate));
            BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), value);
        }

        return pcm;
    }
}
