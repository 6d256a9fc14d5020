using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IvrReadings.Web.Tests.Support;

/// <summary>
/// The real product, <c>ivr-readings serve</c>, as a separate process with a home directory and working directory of
/// its own (so nothing is shared with the test process but what the settings name), configured through the environment.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string root;

    private ServeProcess(Process process, string root, Uri address)
    {
        this.process = process;
        this.root = root;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ServeProcess> StartAsync(IDictionary<string, string> settings)
    {
        var root = Directory.CreateTempSubdirectory("ivr-serve-").FullName;
        var home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ivr-readings.dll"));
        info.ArgumentList.Add("serve");
        info.Environment["HOME"] = home;
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Console__Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["FastAgi__Listen"] = $"127.0.0.1:{FreePort()}";
        info.Environment["Speech__PreloadModels"] = "false";
        info.Environment["Recordings__Directory"] = Path.Combine(root, "recordings");
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var served = new ServeProcess(process, root, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(new Uri(served.Address, "/health"))).StatusCode == HttpStatusCode.OK)
                {
                    return served;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        await served.DisposeAsync();
        throw new InvalidOperationException("ivr-readings serve did not become healthy.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
