using System.Collections.Concurrent;
using System.Net;
using IvrReadings.AsteriskSim;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IvrReadings.FastAgi.Tests.Support;

public delegate Task ScriptBody(IAgiChannel channel, CancellationToken callAborted);

/// <summary>Script bodies for a test, keyed by script name; failures are kept for the test to assert on.</summary>
public sealed class TestScripts
{
    private int _running;

    public ConcurrentDictionary<string, ScriptBody> Bodies { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<Exception> Failures { get; } = new();

    public TestScripts Add(string name, ScriptBody body)
    {
        Bodies[name] = body;
        return this;
    }

    /// <summary>
    /// The failures once no script body is running (30 s at most). A caller who hung up is done before the body on the
    /// server is (it may go on in dead mode, or fail), so failures read at the caller's end could miss one.
    /// </summary>
    public async Task<IReadOnlyCollection<Exception>> FailuresWhenDoneAsync()
    {
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); Volatile.Read(ref _running) > 0;)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{Volatile.Read(ref _running)} script bodies still running after 30 s");
            await Task.Delay(20);
        }

        return Failures;
    }

    internal void Started() => Interlocked.Increment(ref _running);

    internal void Ended() => Interlocked.Decrement(ref _running);
}

internal sealed class TestScriptHandler(TestScripts scripts) : IAgiScriptHandler
{
    public async Task HandleAsync(IAgiChannel channel, CancellationToken callAborted)
    {
        scripts.Started();
        try
        {
            await scripts.Bodies[channel.Environment.Script](channel, callAborted);
        }
        catch (Exception ex) when (ex is not CallHungUpException)
        {
            scripts.Failures.Enqueue(ex);
            throw;
        }
        finally
        {
            scripts.Ended();
        }
    }
}

/// <summary>The real FastAGI server in a host, on a free loopback port.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly IHost _app;

    private TestServer(IHost app, TestScripts scripts, CollectingLoggerProvider logs)
    {
        _app = app;
        Scripts = scripts;
        Logs = logs;
        Status = app.Services.GetRequiredService<IFastAgiStatus>();
    }

    public TestScripts Scripts { get; }

    public CollectingLoggerProvider Logs { get; }

    public IFastAgiStatus Status { get; }

    public IPEndPoint Endpoint => Status.Endpoint!;

    public static async Task<TestServer> StartAsync(TestScripts scripts, Action<FastAgiOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        var logs = new CollectingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddFastAgi(o =>
        {
            o.Listen = "127.0.0.1:0";
            configure?.Invoke(o);
        });
        builder.Services.AddSingleton(scripts);
        foreach (var name in scripts.Bodies.Keys)
        {
            builder.Services.AddAgiScript<TestScriptHandler>(name);
        }

        builder.Services.AddFastAgiListener();
        var app = builder.Build();
        await app.StartAsync();
        return new TestServer(app, scripts, logs);
    }

    public Task StopAsync() => _app.StopAsync();

    public Task<SimCallResult> CallAsync(SimCallOptions options, CallerScript? caller = null, CancellationToken ct = default) =>
        new SimulatedCall(options, caller).RunAsync(Endpoint, ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await ((IAsyncDisposable)_app).DisposeAsync();
    }
}
