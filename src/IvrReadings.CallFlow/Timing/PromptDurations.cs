using System.Buffers.Binary;

namespace IvrReadings.CallFlow.Timing;

/// <summary>How long each prompt plays, read from the WAV headers in <c>sounds/&lt;lang&gt;/</c>.</summary>
public sealed class PromptDurations
{
    private readonly string _directory;
    private readonly Dictionary<string, TimeSpan> _cache = new(StringComparer.Ordinal);

    public PromptDurations(string soundsDirectory, string language)
    {
        _directory = Path.Combine(soundsDirectory, language);
        if (!Directory.Exists(_directory))
        {
            throw new DirectoryNotFoundException($"No prompts in {_directory}.");
        }
    }

    /// <summary>The duration of prompt <paramref name="id"/> (a missing file counts as zero).</summary>
    public TimeSpan Of(string id)
    {
        if (!_cache.TryGetValue(id, out var duration))
        {
            var path = Path.Combine(_directory, id + ".wav");
            duration = File.Exists(path) ? WavDuration(path) : TimeSpan.Zero;
            _cache[id] = duration;
        }

        return duration;
    }

    /// <summary>Duration of a PCM WAV from its fmt and data chunks.</summary>
    public static TimeSpan WavDuration(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> header = stackalloc byte[12];
        stream.ReadExactly(header);
        if (!header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException($"{path} is not a WAV file.");
        }

        var byteRate = 0;
        Span<byte> chunk = stackalloc byte[8];
        while (stream.Read(chunk) == 8)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                var fmt = new byte[size];
                stream.ReadExactly(fmt);
                byteRate = BinaryPrimitives.ReadInt32LittleEndian(fmt.AsSpan(8));
                continue;
            }

            if (chunk[..4].SequenceEqual("data"u8))
            {
                if (byteRate <= 0)
                {
                    throw new InvalidDataException($"{path}: data before fmt.");
                }

                // sox may write 0xFFFFFFFF when streaming; fall back to the file length then.
                var bytes = size < 0 ? stream.Length - stream.Position : size;
                return TimeSpan.FromSeconds((double)bytes / byteRate);
            }

            stream.Seek(size + (size & 1), SeekOrigin.Current);
        }

        throw new InvalidDataException($"{path} has no data chunk.");
    }
}
