using IvrReadings.Host.Hosting;
using IvrReadings.Web;

namespace IvrReadings.Host.Cli;

/// <summary>The subcommands of <c>ivr-readings</c>; each lives in its own small class.</summary>
public static class Commands
{
    /// <summary>Options that take no value.</summary>
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "if-empty", "transcripts", "quiet", "realtime", "bench",
    };

    public static Task<int> RunAsync(CommandLine line) => (line.Words[0], line.Words.Count > 1 ? line.Words[1] : null) switch
    {
        ("serve", _) => ServeAsync(line),
        ("accounts", "import") => BillingCommands.ImportAsync(line),
        ("readings", "export") => BillingCommands.ExportAsync(line),
        ("readings", "autofill") => BillingCommands.AutoFillAsync(line),
        ("demo-data", _) => BillingCommands.DemoDataAsync(line),
        ("staff", "add") => StaffCommands.AddAsync(line),
        ("speech", "eval") => SpeechCommands.EvalAsync(line),
        ("loadtest", _) => LoadTestCommand.RunAsync(line),
        ("phone", _) => PhoneCommand.RunAsync(line),
        _ => throw new CommandLineException($"Unknown command '{string.Join(' ', line.Words)}'."),
    };

    private static async Task<int> ServeAsync(CommandLine line)
    {
        // --bench: also answer the load-test scripts (FastAgi:BenchScripts), for `loadtest` against this server.
        IEnumerable<KeyValuePair<string, string?>> overrides = line.Has("bench") ? [new("FastAgi:BenchScripts", "true")] : [];
        var app = AppHost.CreateBuilder(line, overrides).AddListeners().Build();
        app.UseRequestLogging();
        app.MapStaffConsole();
        app.MapMetrics();
        app.MapHealth();
        await app.RunAsync();
        return 0;
    }
}
