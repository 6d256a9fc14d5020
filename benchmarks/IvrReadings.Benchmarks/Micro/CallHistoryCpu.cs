using System.Diagnostics;
using System.Globalization;

namespace IvrReadings.Benchmarks.Micro;

/// <summary>
/// <c>history [CALLS]</c>: <see cref="CallHistoryBenchmarks"/>' look-ups timed by the process's CPU time as well as the
/// clock, CALLS (2,000) of each after a warm-up. On a machine others load, a call's CPU time moves far less than its
/// wall time, which BenchmarkDotNet reports; on SQLite it is the whole cost of a call (the database runs in this
/// process), on PostgreSQL the client's share (the server's is not counted).
/// </summary>
public static class CallHistoryCpu
{
    public static async Task<int> RunAsync(string[] args)
    {
        var calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
        Console.WriteLine($"| Provider | History | Method | wall µs/call | CPU µs/call | allocated B/call |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var provider in CallHistoryBenchmarks.Providers())
        {
            foreach (var history in new[] { "1 year", "10 years", "10 years + 10,000" })
            {
                var bench = new CallHistoryBenchmarks { History = history, Provider = provider };
                bench.Setup();
                try
                {
                    // Both methods warmed up first (JIT tiering, pooled connections), then each measured in turn.
                    for (var i = 0; i < Math.Max(200, calls / 5); i++)
                    {
                        await bench.Lookup();
                        await bench.WholeHistory();
                    }

                    foreach (var (name, call) in new (string, Func<Task>)[] { ("Lookup", bench.Lookup), ("WholeHistory", bench.WholeHistory) })
                    {
                        var (wall, cpu, bytes) = await MeasureAsync(call, calls);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {provider} | {history} | {name} | {wall:F0} | {cpu:F0} | {bytes:F0} |"));
                    }
                }
                finally
                {
                    bench.Cleanup();
                }
            }
        }

        return 0;
    }

    private static async Task<(double WallUs, double CpuUs, double Bytes)> MeasureAsync(Func<Task> call, int calls)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        watch.Stop();
        process.Refresh();
        return (watch.Elapsed.TotalMicroseconds / calls, (process.TotalProcessorTime - cpu).TotalMicroseconds / calls,
            (GC.GetTotalAllocatedBytes(precise: true) - bytes) / (double)calls);
    }
}
