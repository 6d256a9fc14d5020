using System.Net;
using IvrReadings.AsteriskSim;

namespace IvrReadings.Host.Cli;

/// <summary>
/// <c>loadtest</c>: plays Asterisk against a running server (script <c>bench</c>, served by <c>serve --bench</c>) and
/// reports throughput, latency and failures, so a utility can size its deployment.
/// </summary>
public static class LoadTestCommand
{
    public static async Task<int> RunAsync(CommandLine line)
    {
        var options = new LoadTestOptions
        {
            Target = ParseEndpoint(line.Option("server") ?? "127.0.0.1:4573"),
            Calls = line.IntOption("calls", 10_000),
            Concurrency = Math.Max(1, line.IntOption("concurrency", 100)),
            HoldCalls = line.IntOption("hold", 0),
            Ramp = TimeSpan.FromSeconds(line.IntOption("ramp", 0)),
            // Prompts take their real length (2 s, digits 0.6 s): calls at the pace of real callers.
            RealTime = line.Has("realtime"),
        };
        if (line.Option("script") is { } script)
        {
            options.Script = script;
        }

        using var cts = BillingCommands.ConsoleCancel();
        var report = await LoadTestRunner.RunAsync(options, cts.Token);
        Console.WriteLine(report.ToString());
        if (report.Completed == 0 && report.FailedConnects < report.Calls)
        {
            await Console.Error.WriteLineAsync(
                $"loadtest: no call got the '{options.Script}' script. The server answers it only when started with 'ivr-readings serve --bench'.");
        }

        return report.Passed ? 0 : 4;
    }

    internal static IPEndPoint ParseEndpoint(string text) =>
        IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0
            ? endpoint
            : throw new CommandLineException($"--server takes HOST:PORT with a numeric address, not '{text}'.");
}
