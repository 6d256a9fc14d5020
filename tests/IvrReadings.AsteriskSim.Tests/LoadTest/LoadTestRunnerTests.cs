using System.Net;
using IvrReadings.FastAgi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IvrReadings.AsteriskSim.Tests.LoadTest;

public sealed class LoadTestRunnerTests
{
    private static async Task<(IHost App, IPEndPoint Endpoint)> StartBenchServerAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddFastAgi(o => o.Listen = "127.0.0.1:0");
        builder.Services.AddAgiScript<BenchScriptHandler>(BenchScriptHandler.ScriptName);
        builder.Services.AddAgiScript<BenchHoldScriptHandler>(BenchHoldScriptHandler.ScriptName);
        builder.Services.AddFastAgiListener();
        var app = builder.Build();
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IFastAgiStatus>().Endpoint!);
    }

    [Fact]
    public async Task Scripted_and_held_calls_all_pass_against_the_real_server()
    {
        var (app, endpoint) = await StartBenchServerAsync();
        await using var _ = (IAsyncDisposable)app;
        var heldWhileRunning = -1;

        var report = await LoadTestRunner.RunAsync(new LoadTestOptions
        {
            Target = endpoint,
            Calls = 300,
            Concurrency = 30,
            HoldCalls = 50,
            OnHoldEstablished = _ =>
            {
                heldWhileRunning = app.Services.GetRequiredService<IFastAgiStatus>().ActiveCalls;
                return Task.CompletedTask;
            },
        });

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(300, report.Completed);
        Assert.Equal(50, report.HeldCalls);
        Assert.Equal(50, heldWhileRunning);
        Assert.True(report.CommandRoundTripP99 > TimeSpan.Zero);
        Assert.True(report.TimeToFirstCommandP99 > TimeSpan.Zero);
        // The first command's wait splits into the connect and what follows the environment block.
        Assert.InRange(report.ConnectP99, TimeSpan.FromTicks(1), report.TimeToFirstCommandP99);
        Assert.InRange(report.EnvironmentToFirstCommandP99, TimeSpan.FromTicks(1), report.TimeToFirstCommandP99);
        Assert.InRange(report.PeakInProgress, 1, 30);
        Assert.Contains("PASS", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ramp_spreads_the_first_calls_over_time_instead_of_one_burst()
    {
        var (app, endpoint) = await StartBenchServerAsync();
        await using var _ = (IAsyncDisposable)app;

        // 10 callers over 2 s: one every 200 ms, each call over in a few ms, so they hardly ever overlap.
        var report = await LoadTestRunner.RunAsync(new LoadTestOptions { Target = endpoint, Calls = 10, Concurrency = 10, Ramp = TimeSpan.FromSeconds(2) });

        Assert.True(report.Passed, report.ToString());
        Assert.True(report.Elapsed >= TimeSpan.FromSeconds(1.7), $"the last caller starts 1.8 s in, but the run took {report.Elapsed}");
        Assert.InRange(report.PeakInProgress, 1, 3);
        Assert.Contains("in progress at once", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_runs_another_script_is_reported_as_wrong_sequences()
    {
        var (app, endpoint) = await StartBenchServerAsync();
        await using var _ = (IAsyncDisposable)app;

        var report = await LoadTestRunner.RunAsync(new LoadTestOptions { Target = endpoint, Calls = 20, Concurrency = 5, Script = "bench-hold" }, default);

        Assert.False(report.Passed);
        Assert.Equal(0, report.Completed);
        Assert.Equal(20, report.WrongSequences + report.OtherFailures);
    }

    [Fact]
    public async Task Nobody_listening_is_reported_as_failed_connects()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var endpoint = (IPEndPoint)probe.LocalEndpoint;
        probe.Stop(); // the port is now closed: connects are refused

        var report = await LoadTestRunner.RunAsync(new LoadTestOptions { Target = endpoint, Calls = 10, Concurrency = 2 });

        Assert.Equal(10, report.FailedConnects);
        Assert.False(report.Passed);
    }
}
