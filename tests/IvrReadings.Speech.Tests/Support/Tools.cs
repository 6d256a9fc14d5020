using System.Diagnostics;

namespace IvrReadings.Speech.Tests.Support;

/// <summary>espeak-ng, sox and the repository scripts, when present.</summary>
internal static class Tools
{
    public static bool Has(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));

    public static string RepoRoot => IvrReadings.Testing.Checkout.Root;

    /// <summary>Speaks <paramref name="words"/> into an 8 kHz mono 16-bit WAV; false when the tools are missing.</summary>
    public static bool TrySpeak(string words, string voice, string wavPath)
    {
        if (!Has("espeak-ng") || !Has("sox"))
        {
            return false;
        }

        var raw = wavPath + ".espeak.wav";
        Run("espeak-ng", "-v", voice, "-w", raw, words);
        Run("sox", raw, "-r", "8000", "-c", "1", "-b", "16", wavPath);
        File.Delete(raw);
        return true;
    }

    public static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
