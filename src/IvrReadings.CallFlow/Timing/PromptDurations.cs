using IvrReadings.Audio;

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

    /// <summary>Duration of a PCM WAV from its header (a malformed file throws <see cref="WavFormatException"/>).</summary>
    public static TimeSpan WavDuration(string path) => WavReader.Duration(path);
}
