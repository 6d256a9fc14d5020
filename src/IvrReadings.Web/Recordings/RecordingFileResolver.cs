namespace IvrReadings.Web.Recordings;

/// <summary>
/// Turns a stored recording's file name into a path, refusing anything that would
/// leave the recordings directory (absolute paths, "..", links out are not followed here
/// but a stored name is never trusted to stay inside).
/// </summary>
public sealed class RecordingFileResolver
{
    private readonly string root;

    public RecordingFileResolver(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
    }

    public string Root => root;

    /// <summary>The full path of an existing file inside the directory, or null.</summary>
    public string? Resolve(string? storedName)
    {
        if (string.IsNullOrWhiteSpace(storedName) || storedName.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        // A stored absolute path is accepted only when it already lies inside the directory.
        var full = Path.GetFullPath(Path.IsPathRooted(storedName) ? storedName : Path.Combine(root, storedName));
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            return null;
        }

        return File.Exists(full) ? full : null;
    }
}
