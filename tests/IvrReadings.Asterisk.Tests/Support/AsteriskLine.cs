using System.Diagnostics;
using System.Text.RegularExpressions;

namespace IvrReadings.Asterisk.Tests.Support;

/// <summary>How a line is set up: the settings a utility edits in the shipped dialplan, and the product servers.</summary>
/// <param name="Language">IVR_READINGS_LANG.</param>
/// <param name="Servers">How many product servers; the dialplan lists them in this order.</param>
/// <param name="ServerSettings">Extra <c>--Section:Key=value</c> for every server.</param>
public sealed record LineOptions(string Language = "ru", int Servers = 1, IReadOnlyList<string>? ServerSettings = null);

/// <summary>
/// A phone line as a utility runs it: a real Asterisk from the pack with the shipped
/// <c>asterisk-config/extensions-ivr-readings.conf</c> (only its settings edited) and the installed prompts, the
/// product's real <c>ivr-readings serve</c>, an operator queue with a simulated operator, and simulated callers.
/// Everything lives in one temporary directory, kept when a call fails.
/// </summary>
public sealed partial class AsteriskLine : IAsyncDisposable
{
    private static int _callNumber = 1000;
    private readonly List<ProductServer> _servers = [];
    private AsteriskInstance? _asterisk;
    private bool _keep;

    private AsteriskLine(LineOptions options, string directory)
    {
        Options = options;
        Directory = directory;
    }

    public LineOptions Options { get; }

    /// <summary>The temporary directory: <c>run/</c> (Asterisk's RUN_DIR), <c>server1/</c>, ...</summary>
    public string Directory { get; }

    public IReadOnlyList<ProductServer> Servers => _servers;

    /// <summary>The first (or only) server.</summary>
    public ProductServer Server => _servers[0];

    public AsteriskInstance Asterisk => _asterisk ?? throw new InvalidOperationException("The line is not started.");

    public static async Task<AsteriskLine> StartAsync(LineOptions options)
    {
        AsteriskPack.EnsurePresent();
        // Short: Asterisk's control socket path must stay under 107 bytes.
        var line = new AsteriskLine(options, System.IO.Directory.CreateTempSubdirectory("ivrast-").FullName);
        try
        {
            await line.StartCoreAsync();
            return line;
        }
        catch
        {
            line._keep = true;
            await line.DisposeAsync();
            throw;
        }
    }

    /// <summary>Places the call, waits until both legs are gone, and returns what the call left in the log.</summary>
    public async Task<CallResult> CallAsync(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var number = Interlocked.Increment(ref _callNumber).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < caller.Steps.Count; i++)
        {
            await Asterisk.CliAsync($"dialplan set global IVRTEST_{number}_{i + 1} {caller.Steps[i]}");
        }

        var context = caller.VoiceLine ? "ivrtest-in-voice" : "ivrtest-in";
        var prefix = $"Local/{number}{caller.CallerNumber}@{context}";
        await Asterisk.CliAsync($"channel originate {prefix}/n extension {number}@ivrtest-caller");
        var clock = Stopwatch.StartNew();
        var hungUp = false;
        while (await ChannelsUpAsync(prefix) > 0)
        {
            if (clock.Elapsed > caller.Limit)
            {
                await HangUpAsync(prefix);
                hungUp = true;
                break;
            }

            await Task.Delay(500);
        }

        var result = await ResultAsync(caller, prefix);
        if (hungUp || result.IvrResult is null || (result.Problems.Count > 0 && !caller.AsteriskProblemsAllowed))
        {
            _keep = true;
            var why = hungUp ? $"still up after {caller.Limit}" : result.IvrResult is null ? "the line never reached its hangup handler"
                : $"Asterisk complained:\n  {string.Join("\n  ", result.Problems)}";
            throw new CallFailedException($"{caller}: {why} (logs kept in {Directory})\n{result.Transcript(120)}");
        }

        return result;
    }

    /// <summary>The whole Asterisk log of this line (all calls).</summary>
    public Task<string[]> AsteriskLogAsync() => Asterisk.ReadLogAsync();

    /// <summary>Keep the temporary directory after the tests (also: IVRTEST_KEEP=1 keeps every line's).</summary>
    public void KeepFiles() => _keep = true;

    public async ValueTask DisposeAsync()
    {
        if (_asterisk is not null)
        {
            await _asterisk.DisposeAsync();
        }

        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        if (!_keep && Environment.GetEnvironmentVariable("IVRTEST_KEEP") != "1")
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>
    /// The shipped dialplan with a user's edits in <c>[ivr-readings-settings]</c>: each <c>Set(NAME=value)</c> given here
    /// replaces the shipped value. A setting the file does not have fails: the harness never adds dialplan of its own.
    /// </summary>
    public static string EditSettings(string shipped, IReadOnlyDictionary<string, string> settings)
    {
        var text = shipped;
        foreach (var (name, value) in settings)
        {
            var pattern = new Regex($@"Set\({Regex.Escape(name)}=[^)]*\)");
            if (pattern.Count(text) != 1)
            {
                throw new InvalidOperationException($"The shipped dialplan has no single Set({name}=...) to edit.");
            }

            text = pattern.Replace(text, $"Set({name}={value})");
        }

        return text;
    }

    private async Task StartCoreAsync()
    {
        var settings = Options.ServerSettings?.ToArray() ?? [];
        var servers = Enumerable.Range(1, Options.Servers)
            .Select(i => ProductServer.StartAsync($"server{i}", System.IO.Directory.CreateDirectory(Path.Combine(Directory, $"server{i}")).FullName, settings))
            .ToList();
        foreach (var server in servers)
        {
            try
            {
                _servers.Add(await server);
            }
            catch (InvalidOperationException)
            {
                foreach (var other in servers.Where(s => s.IsCompletedSuccessfully))
                {
                    await other.Result.DisposeAsync();
                }

                _servers.Clear();
                throw;
            }
        }

        var dialplan = EditSettings(await File.ReadAllTextAsync(Checkout.Dialplan), DialplanSettings());
        _asterisk = await AsteriskInstance.StartAsync(Path.Combine(Directory, "run"), etc =>
        {
            System.IO.Directory.CreateDirectory(Path.Combine(etc, "product"));
            File.WriteAllText(Path.Combine(etc, "product", "extensions-ivr-readings.conf"), dialplan);
            foreach (var file in System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Dialplan"), "*.conf"))
            {
                File.Copy(file, Path.Combine(etc, Path.GetFileName(file)));
            }
        });
        await Processes.RunCheckedAsync(Checkout.InstallSounds, [_asterisk.Sounds]);
        await _asterisk.CliAsync("agi set debug on");
        var loaded = await _asterisk.CliAsync("dialplan show ivr-readings-settings");
        if (!loaded.Contains(Server.AgiUrl, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The product dialplan did not load:\n{loaded}\n{string.Join('\n', (await _asterisk.ReadLogAsync()).TakeLast(30))}");
        }

        var queue = await _asterisk.CliAsync("queue show ivr-readings-operators");
        if (!queue.Contains("Local/op@ivrtest-operator", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The operator queue did not load:\n{queue}");
        }
    }

    /// <summary>What a utility edits: the language, and its servers in the order the dialplan tries them.</summary>
    private Dictionary<string, string> DialplanSettings()
    {
        var settings = new Dictionary<string, string> { ["IVR_READINGS_LANG"] = Options.Language, ["IVR_READINGS_AGI"] = Server.AgiUrl };
        for (var i = 1; i < _servers.Count; i++)
        {
            settings[$"IVR_READINGS_AGI_{i + 1}"] = _servers[i].AgiUrl;
        }

        return settings;
    }

    private async Task<int> ChannelsUpAsync(string prefix)
    {
        var channels = await Asterisk.CliAsync("core show channels concise");
        return channels.Split('\n').Count(l => l.StartsWith(prefix, StringComparison.Ordinal));
    }

    private async Task HangUpAsync(string prefix)
    {
        var channels = await Asterisk.CliAsync("core show channels concise");
        foreach (var name in channels.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l.Split('!')[0]))
        {
            await Asterisk.CliAsync($"channel request hangup {name}");
        }

        await Task.Delay(1000);
    }

    /// <summary>The call's lines: those naming its legs, and every line of the Asterisk call ids those lines carry.</summary>
    private async Task<CallResult> ResultAsync(Caller caller, string prefix)
    {
        // The logger writes a moment after the channels are gone: wait for the line's hangup handler (30 s at most: a
        // loaded machine runs late, and a call without that line then fails on what is missing).
        string[] log = [];
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(30);)
        {
            log = await Asterisk.ReadLogAsync();
            if (log.Any(l => l.Contains(prefix, StringComparison.Ordinal) && l.Contains("call ended: AGISTATUS=", StringComparison.Ordinal)))
            {
                break;
            }

            await Task.Delay(250);
        }

        var ids = log.Where(l => l.Contains(prefix, StringComparison.Ordinal))
            .Select(l => CallId().Match(l)).Where(m => m.Success).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var lines = log.Where(l => l.Contains(prefix, StringComparison.Ordinal) || (CallId().Match(l) is { Success: true } m && ids.Contains(m.Value))).ToList();
        return new CallResult(caller, prefix, lines);
    }

    [GeneratedRegex(@"\[C-[0-9a-f]{8}\]")]
    private static partial Regex CallId();
}

public sealed class CallFailedException(string message) : Exception(message);
