using System.Buffers.Binary;

namespace IvrReadings.AsteriskSim;

/// <summary>8 kHz 16-bit mono PCM WAV, the format Asterisk records with <c>wav</c>.</summary>
public static class WavFile
{
    public const int SampleRate = 8000;

    public static void Write(string path, ReadOnlySpan<byte> pcm)
    {
        var header = new byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), 36 + pcm.Length);
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(22), 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(28), SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(34), 16);
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(40), pcm.Length);
        using var file = File.Create(path);
        file.Write(header);
        file.Write(pcm);
    }

    /// <summary>The PCM samples of a WAV file (its data chunk), or the whole file when it has no RIFF header.</summary>
    public static byte[] ReadPcm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || !bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8))
        {
            return bytes;
        }

        var offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            if (bytes.AsSpan(offset, 4).SequenceEqual("data"u8))
            {
                return bytes.AsSpan(offset + 8, Math.Min(size, bytes.Length - offset - 8)).ToArray();
            }

            offset += 8 + size + (size & 1);
        }

        return [];
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
