using System.Diagnostics;
using IvrReadings.Testing;

namespace IvrReadings.CallFlow.Tests.Voice.RealAsterisk;

/// <summary>
/// The real Asterisk 22 test pack beside the checkout (<c>../shared/asterisk</c>, README there): one instance in a
/// RUN_DIR of its own, the product's shipped dialplan with the AGI URL pointed at the test server, the product's
/// prompts installed, and the test's callers.
/// </summary>
internal sealed class AsteriskPack : IAsyncDisposable
{
    private AsteriskPack(string pack, string run)
    {
        Pack = pack;
        Run = run;
    }

    public static string PackDirectory => Path.GetFullPath(Path.Combine(Checkout.Root, "..", "shared", "asterisk"));

    public static bool Present => File.Exists(Path.Combine(PackDirectory, "start.sh"));

    public string Pack { get; }

    public string Run { get; }

    public string FullLog => Path.Combine(Run, "var", "log", "full");

    /// <param name="agiPort">Where the test server's FastAGI listens (127.0.0.1).</param>
    /// <param name="callers">The test's dialplan (callers), beside the product's.</param>
    public static async Task<AsteriskPack> StartAsync(int agiPort, string callers)
    {
        // The control socket path is limited to 107 bytes: a short RUN_DIR.
        var run = Path.Combine("/tmp", "ivr-vt-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path.Combine(run, "etc", "product"));
        var shipped = await File.ReadAllTextAsync(Path.Combine(Checkout.Root, "asterisk-config", "extensions-ivr-readings.conf"));
        var product = shipped.Replace("IVR_READINGS_AGI=agi://127.0.0.1:4573", $"IVR_READINGS_AGI=agi://127.0.0.1:{agiPort}", StringComparison.Ordinal);
        if (product == shipped)
        {
            throw new InvalidOperationException("the shipped dialplan no longer sets IVR_READINGS_AGI=agi://127.0.0.1:4573");
        }

        await File.WriteAllTextAsync(Path.Combine(run, "etc", "product", "extensions-ivr-readings.conf"), product);
        await File.WriteAllTextAsync(Path.Combine(run, "etc", "extensions-vt.conf"), "#include \"product/extensions-ivr-readings.conf\"\n" + callers);
        var pack = new AsteriskPack(PackDirectory, run);
        await pack.ScriptAsync("start.sh", run);
        foreach (var language in new[] { "ru", "en" })
        {
            var target = Path.Combine(run, "var", "lib", "sounds", language, "ivr-readings");
            Directory.CreateDirectory(target);
            foreach (var prompt in Directory.GetFiles(Path.Combine(Checkout.Root, "sounds", language), "*.wav"))
            {
                File.Copy(prompt, Path.Combine(target, Path.GetFileName(prompt)), overwrite: true);
            }
        }

        await pack.CliAsync("dialplan reload");
        await pack.CliAsync("agi set debug on");
        return pack;
    }

    public Task<string> CliAsync(string command) => ScriptAsync("cli.sh", Run, command);

    /// <summary>Starts a call and waits until Asterisk has no channel left.</summary>
    public async Task CallAsync(string caller, string context, string extension, TimeSpan limit)
    {
        await CliAsync($"channel originate Local/{caller}@{context}/n extension {extension}");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            await Task.Delay(500);
            if ((await CliAsync("core show channels count")).Contains("0 active channels", StringComparison.Ordinal))
            {
                return;
            }
        }

        throw new TimeoutException($"the call was still up after {limit}");
    }

    public async ValueTask DisposeAsync()
    {
        await ScriptAsync("stop.sh", Run);
        try
        {
            Directory.Delete(Run, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private async Task<string> ScriptAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(Pack, script)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
        }

        return await output;
    }
}

/// <summary>A test on the real Asterisk pack: skipped with the reason where the pack is not beside the checkout (a
/// user's clone); under <c>CI=true</c> its absence fails the test.</summary>
public sealed class AsteriskPackFactAttribute : FactAttribute
{
    public AsteriskPackFactAttribute()
    {
        if (!AsteriskPack.Present && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"needs the Asterisk test pack at {AsteriskPack.PackDirectory} (../shared/asterisk beside the checkout)";
        }
    }
}
