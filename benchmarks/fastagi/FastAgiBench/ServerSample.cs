using System.Globalization;

namespace FastAgiBench;

/// <summary>
/// What the soak watches of the server process between rounds, from /proc: RSS and its parts (anonymous memory: the GC
/// heap, native allocations such as SQLite's page caches; file-backed and shared pages, the JIT's code among them),
/// open descriptors, and the size of its SQLite database with its WAL (the call log grows with every session, and the
/// writer's page cache follows it up to its <c>cache_size</c>).
/// </summary>
internal sealed record ServerSample(long RssKb, long AnonKb, long FileKb, long JitKb, int Descriptors, long DatabaseKb)
{
    public static async Task<ServerSample> TakeAsync(int pid, string? database)
    {
        await Task.Delay(TimeSpan.FromSeconds(3)); // calls finishing, the call log's batches written
        if (pid <= 0)
        {
            return new ServerSample(0, 0, 0, 0, 0, 0);
        }

        long rss = 0, anon = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
        {
            if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                rss = Kb(line);
            }
            else if (line.StartsWith("Anonymous:", StringComparison.Ordinal))
            {
                anon = Kb(line);
            }
        }

        // The rest of RSS: file-backed pages (the runtime's and the product's assemblies) and shared memory, which holds
        // the JIT's code (mapped twice, writable and executable, and counted in both).
        var file = rss - anon;
        long jit = 0;
        var inJit = false;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            // A mapping's header starts with its address (lowercase hex); its fields with a capitalised name ("Rss:").
            if (line.Length > 0 && (char.IsAsciiDigit(line[0]) || line[0] is >= 'a' and <= 'f'))
            {
                inJit = line.Contains("memfd:doublemapper", StringComparison.Ordinal);
            }
            else if (inJit && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                jit += Kb(line);
            }
        }

        var db = database is null ? 0 : (Size(database) + Size(database + "-wal")) / 1024;
        return new ServerSample(rss, anon, file, jit, Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length, db);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"rss {RssKb} kB (anonymous {AnonKb}, file-backed and shared {FileKb}, of which JIT code {JitKb}), descriptors {Descriptors}, database+WAL {DatabaseKb} kB");

    private static long Kb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
