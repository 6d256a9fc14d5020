namespace IvrReadings.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/IvrReadings.Benchmarks -- SUITE [options]</c>. <c>storage</c> and <c>cluster</c> are plain
/// measured runs (end-to-end figures with a peer measured in the same run); <c>micro</c> runs the BenchmarkDotNet
/// micro-benchmarks (FastAGI hot path, allocations per operation); <c>history</c> times a call's history look-up by CPU.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var suite = args.Length > 0 ? args[0] : "";
        switch (suite)
        {
            case "storage":
                return await StorageBenchmarks.RunAsync(args[1..]);
            case "micro":
                return Micro.MicroBenchmarks.Run(args[1..]);
            case "history":
                return await Micro.CallHistoryCpu.RunAsync(args[1..]);
            case "cluster":
                return await Cluster.ClusterBenchmarks.RunAsync(args[1..]);
            default:
                await Console.Error.WriteLineAsync("usage: IvrReadings.Benchmarks <suite> [options]\n  suites: storage, micro, history, cluster");
                return 2;
        }
    }
}
