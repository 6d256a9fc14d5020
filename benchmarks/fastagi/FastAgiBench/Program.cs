using System.Globalization;
using System.Net;
using System.Text.Json;
using IvrReadings.AsteriskSim;
using IvrReadings.FastAgi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// FastAgiBench server [--listen 127.0.0.1:4573] [--max-calls 20000]
// FastAgiBench load --target 127.0.0.1:4573 --calls N --concurrency C [--hold M] [--loose] [--server-pid PID]
// FastAgiBench soak --target 127.0.0.1:4573 --sessions 100000 [--warmup 30000] [--concurrency 40] --corpus fuzz/corpus [--server-pid PID] [--server-database FILE]
var mode = args.Length > 0 ? args[0] : "help";

// As the product does (src/IvrReadings.Host/Program.cs): the server on one engine thread, the generator (the same
// whichever server it loads) with one per core.
if (mode == "server")
{
    SocketCompletions.PreferInlineOnOneThread();
}
else
{
    SocketCompletions.PreferInline();
}
string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

int IntOption(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

if (mode == "server")
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders();
    builder.Services.AddFastAgi(o =>
    {
        o.Listen = Option("--listen", "127.0.0.1:4573");
        o.MaxConcurrentCalls = IntOption("--max-calls", 20_000);
        // The hold phase connects all its calls in one instant: on a loaded machine some wait over a second for their
        // environment block, and the hostile-peer cap would close them.
        o.MaxPendingConnections = o.MaxConcurrentCalls;
    });
    builder.Services.AddAgiScript<BenchScriptHandler>(BenchScriptHandler.ScriptName);
    builder.Services.AddAgiScript<BenchHoldScriptHandler>(BenchHoldScriptHandler.ScriptName);
    builder.Services.AddFastAgiListener();
    var app = builder.Build();
    await app.StartAsync();
    Console.WriteLine($"listening on {app.Services.GetRequiredService<IFastAgiStatus>().Endpoint}");
    if (args.Contains("--stats"))
    {
        // Where the memory goes: managed heap vs the rest of the working set.
        var status = app.Services.GetRequiredService<IFastAgiStatus>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                await Task.Delay(3000);
                if (args.Contains("--stats-gc"))
                {
                    GC.Collect(2, GCCollectionMode.Forced, true, true);
                }

                var info = GC.GetGCMemoryInfo();
                Console.WriteLine($"calls {status.ActiveCalls} heap {GC.GetTotalMemory(false) / 1024} kB committed {info.TotalCommittedBytes / 1024} kB ws {Environment.WorkingSet / 1024} kB");
            }
        });
    }
    await app.WaitForShutdownAsync();
    return 0;
}

if (mode == "load")
{
    var serverPid = IntOption("--server-pid", 0);
    long heldRssKb = 0;
    var options = new LoadTestOptions
    {
        Target = IPEndPoint.Parse(Option("--target", "127.0.0.1:4573")),
        Calls = IntOption("--calls", 1000),
        Concurrency = IntOption("--concurrency", 50),
        HoldCalls = IntOption("--hold", 0),
        ExactSequence = !args.Contains("--loose"),
        OnHoldEstablished = async ct =>
        {
            if (serverPid > 0)
            {
                await Task.Delay(1000, ct); // let the server settle after the connect storm
                heldRssKb = ReadStatusKb(serverPid, "VmRSS:");
            }
        },
    };
    var report = await LoadTestRunner.RunAsync(options);
    Console.WriteLine(report);
    Console.WriteLine("RESULT " + JsonSerializer.Serialize(new
    {
        calls = report.Calls,
        completed = report.Completed,
        failedConnects = report.FailedConnects,
        wrongSequences = report.WrongSequences,
        otherFailures = report.OtherFailures,
        held = report.HeldCalls,
        holdFailures = report.HoldFailures,
        callsPerSecond = Math.Round(report.CallsPerSecond),
        rttP50Ms = report.CommandRoundTripP50.TotalMilliseconds,
        rttP99Ms = report.CommandRoundTripP99.TotalMilliseconds,
        firstCommandP99Ms = report.TimeToFirstCommandP99.TotalMilliseconds,
        heldRssKb,
    }));
    return report.Passed ? 0 : 1;
}

if (mode == "soak")
{
    return await FastAgiBench.Soak.RunAsync(
        IPEndPoint.Parse(Option("--target", "127.0.0.1:4573")), IntOption("--sessions", 100_000), IntOption("--warmup", 30_000),
        IntOption("--concurrency", 40), Option("--corpus", "fuzz/corpus"), IntOption("--server-pid", 0),
        Option("--server-database", "") is { Length: > 0 } database ? database : null, IntOption("--seed", 1));
}

Console.Error.WriteLine("usage: FastAgiBench server|load|soak [options]");
return 2;

static long ReadStatusKb(int pid, string key)
{
    foreach (var line in File.ReadLines($"/proc/{pid}/status"))
    {
        if (line.StartsWith(key, StringComparison.Ordinal))
        {
            return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
    }

    return 0;
}
