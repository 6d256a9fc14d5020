using System.Buffers.Binary;
using System.Runtime.InteropServices;
using NAudio.Wave;

namespace IvrReadings.Audio;

/// <summary>
/// Reads RIFF/WAVE files holding 16-bit PCM through NAudio's chunk reader. Asterisk's RECORD FILE writes plain
/// 8 kHz mono, but files edited by other tools carry LIST/fact chunks, odd-sized chunks padded to even length and
/// WAVE_FORMAT_EXTENSIBLE headers; NAudio walks the chunks. What NAudio tolerates but we must not (a data chunk
/// longer than the file, a half sample, a format we cannot decode) is checked here, and every failure comes out as
/// a <see cref="WavFormatException"/> that names the file and what is wrong with it.
/// </summary>
public static class WavReader
{
    // Streaming writers (sox to a pipe, a recorder that was killed) leave this in the data size.
    private const long UnknownDataSize = 0xFFFFFFFF;

    /// <summary>The samples of a 16-bit PCM WAV file, mixed down to mono.</summary>
    public static PcmAudio Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = OpenRead(path);
        return Read(stream, path);
    }

    public static PcmAudio Read(ReadOnlySpan<byte> bytes, string name = "WAV data")
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return Read(stream, name);
    }

    /// <summary>Reads from a seekable stream positioned at the start of the RIFF header.</summary>
    public static PcmAudio Read(Stream stream, string name = "WAV data")
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = ReadHeader(stream, name);
        var data = new byte[header.DataLength];
        stream.Position = header.DataPosition;
        stream.ReadExactly(data);
        return Decode(data, header);
    }

    /// <summary>How long a WAV file plays, from its header alone (the samples are not read).</summary>
    public static TimeSpan Duration(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = OpenRead(path);
        var header = ReadHeader(stream, path);
        return TimeSpan.FromSeconds((double)header.DataLength / header.Format.AverageBytesPerSecond);
    }

    private static FileStream OpenRead(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new WavFormatException($"WAV file not found: {path}", ex);
        }
    }

    private static WavHeader ReadHeader(Stream stream, string name)
    {
        var length = stream.Length - stream.Position;
        if (length < 12)
        {
            throw new WavFormatException($"{name}: truncated, {length} bytes is shorter than a RIFF header");
        }

        WaveFormat format;
        long dataPosition;
        try
        {
            // NAudio walks the chunks and leaves the stream at the start of the data chunk's body.
            using var reader = new WaveFileReader(stream);
            format = reader.WaveFormat;
            dataPosition = stream.Position;
        }
        catch (EndOfStreamException ex)
        {
            throw new WavFormatException($"{name}: truncated inside the header", ex);
        }
        catch (FormatException ex)
        {
            throw new WavFormatException($"{name}: {Describe(ex.Message)}", ex);
        }
        catch (InvalidDataException ex)
        {
            throw new WavFormatException($"{name}: malformed header ({ex.Message})", ex);
        }
        catch (ArgumentException ex)
        {
            throw new WavFormatException($"{name}: malformed header ({ex.Message})", ex);
        }

        CheckFormat(format, name);

        // NAudio quietly shortens a data chunk that claims more than the file holds; a recording cut short is an
        // error here, so the declared size (the 4 bytes before the body) is read back and compared.
        Span<byte> sizeField = stackalloc byte[4];
        stream.Position = dataPosition - 4;
        stream.ReadExactly(sizeField);
        long dataLength = BinaryPrimitives.ReadUInt32LittleEndian(sizeField);
        var remaining = stream.Length - dataPosition;
        if (dataLength == UnknownDataSize)
        {
            dataLength = remaining;
        }
        else if (dataLength > remaining)
        {
            throw new WavFormatException(
                $"{name}: truncated, data chunk declares {dataLength} bytes but only {remaining} follow");
        }

        if (dataLength > Array.MaxLength)
        {
            throw new WavFormatException($"{name}: data chunk of {dataLength} bytes is too large");
        }

        if (dataLength % format.BlockAlign != 0)
        {
            throw new WavFormatException(
                $"{name}: truncated, data length {dataLength} is not a whole number of {format.BlockAlign}-byte frames");
        }

        return new WavHeader(format, dataPosition, (int)dataLength);
    }

    // NAudio's FormatException texts ("Invalid WAV file - No fmt chunk found") keep their meaning; ours say what to do.
    private static string Describe(string message) => message switch
    {
        _ when message.Contains("RIFF", StringComparison.OrdinalIgnoreCase)
            || message.Contains("WAVE", StringComparison.OrdinalIgnoreCase) => "not a RIFF/WAVE file",
        _ when message.Contains("fmt", StringComparison.OrdinalIgnoreCase) => "truncated or malformed, no fmt chunk found",
        _ when message.Contains("data", StringComparison.OrdinalIgnoreCase) => "truncated or malformed, no data chunk found",
        _ => "malformed: " + message,
    };

    private static void CheckFormat(WaveFormat format, string name)
    {
        var encoding = format.Encoding;
        if (encoding == WaveFormatEncoding.Extensible)
        {
            // WAVE_FORMAT_EXTENSIBLE: the real format is the sub-format GUID after the valid bits and channel mask.
            encoding = format is WaveFormatExtraData { ExtraData.Length: >= 22 } extended
                && new Guid(extended.ExtraData.AsSpan(6, 16)) == AudioMediaSubtypes.MEDIASUBTYPE_PCM
                    ? WaveFormatEncoding.Pcm
                    : WaveFormatEncoding.Extensible;
        }

        if (encoding != WaveFormatEncoding.Pcm)
        {
            throw new WavFormatException(
                $"{name}: not PCM (format tag {(int)format.Encoding}); record as 16-bit PCM WAV");
        }

        if (format.BitsPerSample != 16)
        {
            throw new WavFormatException($"{name}: {format.BitsPerSample}-bit PCM is not supported; only 16-bit");
        }

        if (format.Channels is <= 0 or > 8)
        {
            throw new WavFormatException($"{name}: {format.Channels} channels is not a valid PCM layout");
        }

        if (format.SampleRate is < 1000 or > 384_000)
        {
            throw new WavFormatException($"{name}: sample rate {format.SampleRate} Hz is out of range");
        }

        if (format.BlockAlign != 2 * format.Channels)
        {
            throw new WavFormatException(
                $"{name}: block align {format.BlockAlign} does not match {format.Channels} channels of 16-bit PCM");
        }
    }

    private static PcmAudio Decode(byte[] data, WavHeader header)
    {
        var channels = header.Format.Channels;
        var frames = data.Length / header.Format.BlockAlign;
        var samples = new short[frames];
        if (channels == 1)
        {
            // WAV is little-endian, as is every platform .NET runs on here.
            MemoryMarshal.Cast<byte, short>(data).CopyTo(samples);
            return new PcmAudio(header.Format.SampleRate, samples);
        }

        // Mixing down here keeps every later stage mono; phone audio has nothing to lose.
        var interleaved = MemoryMarshal.Cast<byte, short>(data);
        for (var i = 0; i < frames; i++)
        {
            var sum = 0;
            for (var c = 0; c < channels; c++)
            {
                sum += interleaved[(i * channels) + c];
            }

            samples[i] = (short)(sum / channels);
        }

        return new PcmAudio(header.Format.SampleRate, samples);
    }

    private sealed record WavHeader(WaveFormat Format, long DataPosition, int DataLength);
}
