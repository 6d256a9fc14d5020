using System.Buffers.Binary;

namespace IvrReadings.Speech.Audio;

/// <summary>
/// Reads RIFF/WAVE files holding 16-bit PCM. Asterisk's RECORD FILE writes plain 8 kHz mono,
/// but files edited by other tools carry LIST/fact chunks and odd-sized chunks padded to even
/// length, so chunks are walked rather than assumed at fixed offsets.
/// </summary>
public static class WavReader
{
    private const ushort FormatPcm = 1;
    private const ushort FormatExtensible = 0xFFFE;

    // Streaming writers put this in the data size before they know the length.
    private const uint UnknownDataSize = 0xFFFFFFFF;

    public static PcmAudio Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException ex)
        {
            throw new WavFormatException($"WAV file not found: {path}", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new WavFormatException($"WAV file not found: {path}", ex);
        }

        return Read(bytes, path);
    }

    public static PcmAudio Read(ReadOnlySpan<byte> bytes, string name = "WAV data")
    {
        if (bytes.Length < 12)
        {
            throw new WavFormatException($"{name}: truncated, {bytes.Length} bytes is shorter than a RIFF header");
        }

        if (!bytes[..4].SequenceEqual("RIFF"u8) || !bytes.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException($"{name}: not a RIFF/WAVE file");
        }

        WavFormat? format = null;
        var offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var id = bytes.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(offset + 4, 4));
            var bodyStart = offset + 8;
            var remaining = bytes.Length - bodyStart;

            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || size > remaining)
                {
                    throw new WavFormatException($"{name}: truncated or malformed fmt chunk ({size} bytes)");
                }

                format = ParseFormat(bytes.Slice(bodyStart, (int)size), name);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is null)
                {
                    throw new WavFormatException($"{name}: data chunk comes before the fmt chunk");
                }

                long length = size == UnknownDataSize ? remaining : size;
                if (length > remaining)
                {
                    throw new WavFormatException(
                        $"{name}: truncated, data chunk declares {size} bytes but only {remaining} follow");
                }

                return Decode(bytes.Slice(bodyStart, (int)length), format, name);
            }

            // Chunks are word-aligned: an odd size is followed by one pad byte.
            var next = (long)bodyStart + size + (size & 1);
            if (next > bytes.Length)
            {
                break;
            }

            offset = (int)next;
        }

        throw new WavFormatException(format is null
            ? $"{name}: truncated or malformed, no fmt chunk found"
            : $"{name}: truncated or malformed, no data chunk found");
    }

    private static WavFormat ParseFormat(ReadOnlySpan<byte> fmt, string name)
    {
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var sampleRate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);

        if (tag == FormatExtensible && fmt.Length >= 26)
        {
            // The real format tag is the first two bytes of the sub-format GUID.
            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
        }

        if (tag != FormatPcm)
        {
            throw new WavFormatException($"{name}: not PCM (format tag {tag}); record as 16-bit PCM WAV");
        }

        if (bits != 16)
        {
            throw new WavFormatException($"{name}: {bits}-bit PCM is not supported; only 16-bit");
        }

        if (channels is 0 or > 8)
        {
            throw new WavFormatException($"{name}: {channels} channels is not a valid PCM layout");
        }

        if (sampleRate is < 1000 or > 384_000)
        {
            throw new WavFormatException($"{name}: sample rate {sampleRate} Hz is out of range");
        }

        return new WavFormat(channels, sampleRate);
    }

    private static PcmAudio Decode(ReadOnlySpan<byte> data, WavFormat format, string name)
    {
        var frameBytes = 2 * format.Channels;
        if (data.Length % frameBytes != 0)
        {
            throw new WavFormatException(
                $"{name}: truncated, data length {data.Length} is not a whole number of {frameBytes}-byte frames");
        }

        var frames = data.Length / frameBytes;
        var samples = new short[frames];
        for (var i = 0; i < frames; i++)
        {
            // Mixing down here keeps every later stage mono; phone audio has nothing to lose.
            var sum = 0;
            for (var c = 0; c < format.Channels; c++)
            {
                sum += BinaryPrimitives.ReadInt16LittleEndian(data[(((i * format.Channels) + c) * 2)..]);
            }

            samples[i] = (short)(sum / format.Channels);
        }

        return new PcmAudio(format.SampleRate, samples);
    }

    private sealed record WavFormat(int Channels, int SampleRate);
}
