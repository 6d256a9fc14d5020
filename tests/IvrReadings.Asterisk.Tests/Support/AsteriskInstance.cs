namespace IvrReadings.Asterisk.Tests.Support;

/// <summary>One Asterisk from the pack in its own RUN_DIR (<c>start.sh</c>, <c>cli.sh</c>, <c>stop.sh</c>).</summary>
public sealed class AsteriskInstance : IAsyncDisposable
{
    private AsteriskInstance(string runDirectory) => RunDirectory = runDirectory;

    public string RunDirectory { get; }

    public string Etc => Path.Combine(RunDirectory, "etc");

    public string Sounds => Path.Combine(RunDirectory, "var", "lib", "sounds");

    public string LogFile => Path.Combine(RunDirectory, "var", "log", "full");

    /// <summary>Starts Asterisk once the test's files are in <c>RUN_DIR/etc</c> (<paramref name="prepare"/> writes them).</summary>
    public static async Task<AsteriskInstance> StartAsync(string runDirectory, Action<string> prepare)
    {
        AsteriskPack.EnsurePresent();
        Directory.CreateDirectory(Path.Combine(runDirectory, "etc"));
        prepare(Path.Combine(runDirectory, "etc"));
        var instance = new AsteriskInstance(runDirectory);
        await Processes.RunCheckedAsync(AsteriskPack.Script("start.sh"), [runDirectory], timeout: TimeSpan.FromSeconds(60));
        return instance;
    }

    /// <summary>One CLI command; its output.</summary>
    public Task<string> CliAsync(string command) =>
        Processes.RunCheckedAsync(AsteriskPack.Script("cli.sh"), [RunDirectory, command], timeout: TimeSpan.FromSeconds(30));

    /// <summary>The whole log so far (<c>var/log/full</c>).</summary>
    public async Task<string[]> ReadLogAsync()
    {
        if (!File.Exists(LogFile))
        {
            return [];
        }

        await using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public async ValueTask DisposeAsync() =>
        await Processes.RunAsync(AsteriskPack.Script("stop.sh"), [RunDirectory], timeout: TimeSpan.FromSeconds(60));
}
