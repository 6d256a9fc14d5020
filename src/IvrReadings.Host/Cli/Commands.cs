using IvrReadings.Host.Hosting;
using IvrReadings.Web;

namespace IvrReadings.Host.Cli;

/// <summary>The subcommands of <c>ivr-readings</c>.</summary>
public static class Commands
{
    /// <summary>Options that take no value.</summary>
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "no-demo", "json" };

    public static Task<int> RunAsync(CommandLine line) => line.Words[0] switch
    {
        "serve" => ServeAsync(line),
        _ => throw new CommandLineException($"Unknown command '{line.Words[0]}'."),
    };

    private static async Task<int> ServeAsync(CommandLine line)
    {
        var app = AppHost.CreateBuilder(line).AddListeners().Build();
        app.MapStaffConsole();
        app.MapMetrics();
        app.MapHealth();
        await app.RunAsync();
        return 0;
    }
}
