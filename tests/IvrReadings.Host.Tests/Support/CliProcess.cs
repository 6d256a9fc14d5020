using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IvrReadings.Testing;

namespace IvrReadings.Host.Tests.Support;

/// <summary>
/// Runs the real <c>ivr-readings</c> program (<see cref="ShippedProduct"/>) as a separate process in its own
/// working directory, the way an operator or a script would.
/// </summary>
public sealed class CliProcess : IDisposable
{
    public CliProcess()
    {
        WorkDir = Directory.CreateTempSubdirectory("ivr-cli-").FullName;
    }

    public string WorkDir { get; }

    public Dictionary<string, string> Environment { get; } = new()
    {
        ["DOTNET_NOLOGO"] = "1",
        ["Speech__PreloadModels"] = "false",
    };

    public string DatabaseFile => Path.Combine(WorkDir, "data", "ivr-readings.db");

    public async Task<CliResult> RunAsync(string? stdin, params string[] args)
    {
        using var process = Start(args, redirectInput: stdin is not null);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <param name="wrapper">A command that runs the product's program (e.g. <c>prlimit --nofile=1024:1024</c>); it must exec it.</param>
    public Process Start(IEnumerable<string> args, bool redirectInput = false, IReadOnlyList<string>? wrapper = null)
    {
        var (program, prefix) = ShippedProduct.Command;
        var info = new ProcessStartInfo(wrapper is { Count: > 0 } ? wrapper[0] : program)
        {
            WorkingDirectory = WorkDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        if (wrapper is { Count: > 0 })
        {
            foreach (var part in wrapper.Skip(1))
            {
                info.ArgumentList.Add(part);
            }

            info.ArgumentList.Add(program);
        }

        foreach (var part in prefix)
        {
            info.ArgumentList.Add(part);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in Environment)
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
    }

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(WorkDir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
            // A process killed mid-write may still hold a file for a moment; the temp dir is harmless.
        }
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);
