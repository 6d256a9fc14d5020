using System.Runtime.InteropServices;
using NAudio.Wave;

namespace IvrReadings.Audio;

/// <summary>Writes mono 16-bit PCM WAV through NAudio: the shape Asterisk records with <c>wav</c>.</summary>
public static class WavWriter
{
    public static void Write(string path, PcmAudio audio)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(audio);
        Write(path, MemoryMarshal.AsBytes(audio.Samples.AsSpan()), audio.SampleRate);
    }

    /// <summary>Writes raw little-endian 16-bit mono samples as a WAV file.</summary>
    public static void Write(string path, ReadOnlySpan<byte> pcm16, int sampleRate)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var writer = new WaveFileWriter(path, new WaveFormat(sampleRate, 16, 1));
        writer.Write(pcm16);
    }

    public static byte[] ToBytes(PcmAudio audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        // WaveFileWriter leaves a stream it was given open, so the bytes can be taken after it has fixed the sizes.
        using var stream = new MemoryStream();
        using (var writer = new WaveFileWriter(stream, new WaveFormat(audio.SampleRate, 16, 1)))
        {
            writer.Write(MemoryMarshal.AsBytes(audio.Samples.AsSpan()));
        }

        return stream.ToArray();
    }
}
