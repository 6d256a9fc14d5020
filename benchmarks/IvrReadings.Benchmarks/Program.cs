namespace IvrReadings.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/IvrReadings.Benchmarks -- SUITE [options]</c>. Each suite is a plain
/// measured run (not BenchmarkDotNet: these are end-to-end figures with a peer measured in the same run).
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
            default:
                await Console.Error.WriteLineAsync("usage: IvrReadings.Benchmarks <suite> [options]\n  suites: storage");
                return 2;
        }
    }
}
