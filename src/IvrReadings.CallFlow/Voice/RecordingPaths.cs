using IvrReadings.Domain;
using System.Text;

namespace IvrReadings.CallFlow.Voice;

/// <summary>
/// Names and places of recordings: <c>&lt;call&gt;/&lt;step&gt;-&lt;n&gt;.wav</c> relative to the recordings directory (stored so,
/// so the directory can move). The call id is the server's own (never Asterisk's, which repeats), and still never trusted in a path.
/// </summary>
public sealed class RecordingPaths
{
    private const int MaxSegment = 80;

    public RecordingPaths(string directory, string? asteriskDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        AsteriskDirectory = string.IsNullOrWhiteSpace(asteriskDirectory)
            ? Directory
            : Path.TrimEndingDirectorySeparator(Path.IsPathRooted(asteriskDirectory) ? asteriskDirectory : Path.GetFullPath(asteriskDirectory));
    }

    public static RecordingPaths From(RecordingsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RecordingPaths(options.Directory, options.AsteriskDirectory);
    }

    /// <summary>Absolute; where the server reads.</summary>
    public string Directory { get; }

    /// <summary>Absolute; where Asterisk writes.</summary>
    public string AsteriskDirectory { get; }

    /// <summary><c>&lt;call&gt;/&lt;step&gt;-&lt;n&gt;</c>, without extension.</summary>
    public static string Relative(string callId, string step, int n) => $"{Segment(callId)}/{Segment(step)}-{n}";

    /// <summary>The call's folder in <see cref="Directory"/>.</summary>
    public string CallDirectory(string callId) => Path.Combine(Directory, Segment(callId));

    /// <summary>The RECORD FILE argument: absolute, no extension (Asterisk appends <c>.wav</c>).</summary>
    public string AsteriskPath(string relative) => AsteriskDirectory.TrimEnd('/') + "/" + relative;

    /// <summary>Full path of a stored relative name, or null when it would leave the directory.</summary>
    public string? Resolve(string relative)
    {
        if (string.IsNullOrWhiteSpace(relative) || relative.Contains('\0', StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(Directory, relative));
        return full.StartsWith(Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>Letters, digits, '.', '-', '_' only; no leading dot; never empty, "." or "..".</summary>
    public static string Segment(string value)
    {
        var text = new StringBuilder(Math.Min(value?.Length ?? 0, MaxSegment));
        foreach (var c in value ?? "")
        {
            if (text.Length == MaxSegment)
            {
                break;
            }

            text.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && text.Length > 0) ? c : '_');
        }

        var segment = text.ToString();
        return segment.Trim('_').Length == 0 ? "unknown" : segment;
    }
}
