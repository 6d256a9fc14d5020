using System.CommandLine;
using System.Net;
using IvrReadings.AsteriskSim;

namespace IvrReadings.Host.Cli;

/// <summary>
/// <c>loadtest</c>: plays Asterisk against a running server (script <c>bench</c>, served by <c>serve --bench</c>) and
/// reports throughput, latency and failures, so a utility can size its deployment.
/// </summary>
public static class LoadTestCommand
{
    public static Command Create()
    {
        var server = new Option<IPEndPoint>("--server")
        {
            Description = "the server's FastAGI address (numeric)",
            HelpName = "HOST:PORT",
            DefaultValueFactory = _ => new IPEndPoint(IPAddress.Loopback, 4573),
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0)
                {
                    return endpoint;
                }

                result.AddError($"--server takes HOST:PORT with a numeric address, not '{text}'.");
                return null;
            },
        };
        var calls = CliOptions.Count("--calls", "N", "calls to place", 10_000);
        var concurrency = CliOptions.Count("--concurrency", "N", "calls in progress at once", 100, minimum: 1);
        var ramp = CliOptions.Count("--ramp", "S", "start the first calls over S seconds, as callers ring on a real line (0: all at once)", 0);
        var hold = CliOptions.Count("--hold", "M", "also keep M idle calls parked (script bench-hold) while the calls run", 0);
        var script = CliOptions.Text("--script", "NAME", "the AGI script to call", new LoadTestOptions().Script);
        var realTime = CliOptions.Flag("--realtime", "prompts take their real length (2 s, digits 0.6 s): calls at a real caller's pace");
        var command = new Command("loadtest", "play Asterisk against a server started with 'serve --bench' and report figures (exit 4 when a call failed)")
        {
            server, calls, concurrency, ramp, hold, script, realTime,
        };
        command.SetAction(result => RunAsync(new LoadTestOptions
        {
            Target = result.GetRequiredValue(server),
            Calls = result.GetValue(calls),
            Concurrency = result.GetValue(concurrency),
            HoldCalls = result.GetValue(hold),
            Ramp = TimeSpan.FromSeconds(result.GetValue(ramp)),
            Script = result.GetRequiredValue(script),
            RealTime = result.GetValue(realTime),
        }));
        return command;
    }

    private static async Task<int> RunAsync(LoadTestOptions options)
    {
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
}
