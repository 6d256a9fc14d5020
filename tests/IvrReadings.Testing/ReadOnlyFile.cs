using System.Diagnostics;
using Xunit;

namespace IvrReadings.Testing;

/// <summary>
/// Makes a file read-only in a way that holds for root too: <c>chattr +i</c> (immutable) as root, where file modes
/// are ignored; <c>chmod 444</c> otherwise. <see cref="ReadOnlyFileFactAttribute"/> skips where neither works.
/// </summary>
public static class ReadOnlyFile
{
    private static readonly Lazy<string?> Unsupported = new(Probe);

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Why read-only files cannot be made here, or null.</summary>
    public static string? WhyUnsupported => Unsupported.Value;

    public static void Set(string path, bool readOnly)
    {
        if (IsRoot)
        {
            Run("chattr", readOnly ? "+i" : "-i", path);
        }
        else if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, readOnly ? UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    private static string? Probe()
    {
        var path = Path.Combine(Path.GetTempPath(), "ivr-readonly-probe-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, "x");
        try
        {
            Set(path, readOnly: true);
            try
            {
                File.AppendAllText(path, "y");
                return "a file made read-only here can still be written (chattr unsupported by this file system?)";
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                return null;
            }
            finally
            {
                Set(path, readOnly: false);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "cannot make a file read-only here: " + ex.Message;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true, UseShellExecute = false })
            ?? throw new InvalidOperationException(command + " did not start");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{command} {string.Join(' ', args)}: {error.Trim()}");
    }
}

/// <summary>A test that needs a read-only file (see <see cref="ReadOnlyFile"/>); skipped with the reason where there is none.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyFileFactAttribute : FactAttribute
{
    public ReadOnlyFileFactAttribute()
    {
        if (ReadOnlyFile.WhyUnsupported is { } why) Skip = why;
    }
}
