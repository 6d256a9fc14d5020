using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace IvrReadings.Benchmarks.Micro;

/// <summary>
/// <c>micro [BenchmarkDotNet options]</c>: the BenchmarkDotNet suites with their memory diagnoser, on a short job
/// (3 warm-ups, 5 iterations, in this process) so that <c>make bench</c> takes minutes. Pass <c>--job default</c> or
/// <c>--filter</c> for a longer or narrower run; results land in .build/bench/micro.
/// </summary>
public static class MicroBenchmarks
{
    public static int Run(string[] args)
    {
        // As the product runs (the host's Program.cs): socket completions inline on one engine thread. In this process:
        // the benchmarks run in-process (no rebuild of the whole solution per run, which alone takes minutes here).
        IvrReadings.FastAgi.SocketCompletions.PreferInlineOnOneThread();
        var job = Job.ShortRun
            .WithWarmupCount(3)
            .WithIterationCount(5)
            .WithLaunchCount(1)
            .WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job.AsDefault())
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(".build", "bench", "micro"))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroBenchmarks).Assembly)
            .Run(args.Length == 0 ? ["--filter", "*"] : args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
