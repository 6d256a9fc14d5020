using System.Globalization;

namespace IvrReadings.FastAgi;

/// <summary>
/// How many FastAGI connections the process can hold without running out of file descriptors: every connection is
/// one, and the runtime, the database, the log files and the console need theirs. A process at its limit cannot even
/// open the files the runtime itself needs (the server used to abort with "Out of memory" there). Linux only (read from
/// /proc); elsewhere there is no cap from descriptors.
/// </summary>
internal static class DescriptorBudget
{
    /// <returns>The connections allowed (at least 16), and the soft limit it was taken from (null: unknown).</returns>
    public static (int Connections, long? Limit) Compute(int reserve)
    {
        var limit = SoftLimit();
        if (limit is not { } max)
        {
            return (int.MaxValue, null);
        }

        var open = OpenDescriptors();
        var budget = max - open - Math.Max(0, reserve);
        return ((int)Math.Clamp(budget, 16, int.MaxValue), max);
    }

    /// <summary>The soft RLIMIT_NOFILE ("Max open files" in /proc/self/limits); null when unknown or unlimited.</summary>
    private static long? SoftLimit()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    continue;
                }

                var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) ? soft : null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or /proc not mounted.
        }

        return null;
    }

    private static long OpenDescriptors()
    {
        try
        {
            return Directory.EnumerateFileSystemEntries("/proc/self/fd").LongCount();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
