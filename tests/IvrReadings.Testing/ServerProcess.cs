using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using IvrReadings.Storage;

namespace IvrReadings.Testing;

/// <summary>
/// One real <c>ivr-readings serve</c> process (<see cref="ShippedProduct"/>) in a working directory of its own,
/// on the shared database, with FastAGI and the console on free loopback ports. Its log lines are kept.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private ServerProcess(string name, Process process, string workDir, IPEndPoint agi, Uri console)
    {
        Name = name;
        _process = process;
        WorkDir = workDir;
        Agi = agi;
        Console = console;
    }

    public string Name { get; }

    public string WorkDir { get; }

    /// <summary>Where Asterisk (the fake one) calls this server.</summary>
    public IPEndPoint Agi { get; }

    /// <summary>The staff console.</summary>
    public Uri Console { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote so far (stdout and stderr, one entry a line).</summary>
    public IReadOnlyList<string> Log => [.. _log];

    public static ServerProcess Start(string name, DatabaseOptions database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var workDir = Directory.CreateTempSubdirectory($"ivr-cluster-{name}-").FullName;
        var agi = new IPEndPoint(IPAddress.Loopback, FreePort());
        var console = new Uri($"http://127.0.0.1:{FreePort()}");
        var (program, prefix) = ShippedProduct.Command;
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var part in prefix)
        {
            info.ArgumentList.Add(part);
        }

        info.ArgumentList.Add("serve");
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_NOLOGO"] = "1",
            ["Database__Provider"] = database.Provider,
            ["Database__ConnectionString"] = database.ConnectionString ?? "",
            ["Database__MigrateOnStart"] = "true",
            ["Database__AutoFill"] = database.AutoFill ? "true" : "false",
            ["FastAgi__Listen"] = agi.ToString(),
            ["Console__Urls"] = console.ToString().TrimEnd('/'),
            // The window open every day of the month, so the test calls are taken whatever today's date.
            ["Organisation__WindowFirstDay"] = "1",
            ["Organisation__WindowLastDay"] = "31",
            ["Speech__PreloadModels"] = "false",
            ["Recordings__Directory"] = Path.Combine(workDir, "recordings"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new ServerProcess(name, process, workDir, agi, console);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _log.Enqueue(line);
        }
    }

    /// <summary>
    /// Waits for <c>/health</c> to answer 200 (the schema migrated, both listeners up), for up to 3 minutes, each request
    /// up to 30 s: a fresh process on a machine running the whole suite takes seconds over its first checks.
    /// </summary>
    public async Task WaitHealthyAsync()
    {
        var limit = TimeSpan.FromMinutes(3);
        using var client = new HttpClient { BaseAddress = Console, Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"server {Name} exited with {_process.ExitCode}:\n{string.Join('\n', Log)}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (clock.Elapsed < limit)
            {
                // Listening but still starting on a busy machine: one slow answer is not a failure; ask again.
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"server {Name} not healthy after {limit.TotalSeconds:0} s:\n{string.Join('\n', Log)}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary><c>kill -9</c>: no shutdown, no flush, the sockets torn down by the kernel.</summary>
    public async Task KillAsync()
    {
        using (var kill = Process.Start("kill", ["-KILL", Pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Lines of the log that contain <paramref name="text"/>.</summary>
    public IReadOnlyList<string> LinesWith(string text) => Log.Where(l => l.Contains(text, StringComparison.Ordinal)).ToList();

    /// <summary>
    /// Stops the server as an operator does (SIGTERM, its graceful shutdown) and waits until it has exited and its
    /// output has been read to the end: after this <see cref="Log"/> holds everything it will ever say.
    /// </summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]))
            {
                await term!.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        // With the output read asynchronously, this waits for both streams' end of file.
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
