using System.Reflection;
using System.Runtime.InteropServices;

namespace IvrReadings.Speech.Vosk;

/// <summary>
/// Finds libvosk. The library is fetched into a folder of ours (not a system path), so a
/// DllImport resolver probes, in order: the configured directory, <c>Speech__NativeLibraryDirectory</c>,
/// native/ beside the app, native/ in the repository; then the system's usual search.
/// </summary>
public static class VoskLibrary
{
    public const string EnvironmentVariable = "Speech__NativeLibraryDirectory";

    private static readonly Lock Gate = new();

    private static string FileName =>
        OperatingSystem.IsWindows() ? "vosk.dll" : OperatingSystem.IsMacOS() ? "libvosk.dylib" : "libvosk.so";
    private static string? _configuredDirectory;
    private static bool _resolverInstalled;
    private static nint _handle;
    private static int _logLevel = -1;

    /// <summary>Sets the directory to search first. Takes effect if the library is not loaded yet.</summary>
    public static void Configure(string? directory, int logLevel = -1)
    {
        lock (Gate)
        {
            _configuredDirectory = string.IsNullOrWhiteSpace(directory) ? null : directory;
            _logLevel = logLevel;
            InstallResolver();
        }
    }

    public static bool IsLoaded
    {
        get
        {
            lock (Gate)
            {
                return _handle != 0;
            }
        }
    }

    /// <summary>The files probed, in order.</summary>
    public static IReadOnlyList<string> CandidatePaths()
    {
        var directories = new List<string?>
        {
            _configuredDirectory,
            Environment.GetEnvironmentVariable(EnvironmentVariable),
            Path.Combine(AppContext.BaseDirectory, "native"),
            AppContext.BaseDirectory,
        };
        if (RepositoryLayout.FindRoot() is { } root)
        {
            directories.Add(Path.Combine(root, "native"));
        }

        return [.. directories
            .Where(d => !string.IsNullOrWhiteSpace(d))
            .Select(d => Path.GetFullPath(Path.Combine(d!, FileName)))
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Loads libvosk now, or throws <see cref="SpeechEngineUnavailableException"/> naming where it looked.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            InstallResolver();
            if (_handle != 0)
            {
                return;
            }

            var candidates = CandidatePaths();
            foreach (var candidate in candidates)
            {
                if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
                {
                    _handle = handle;
                    break;
                }
            }

            // Last, the system search (LD_LIBRARY_PATH, ldconfig); the name-only overload skips our resolver.
            if (_handle == 0 && !NativeLibrary.TryLoad(FileName, out _handle))
            {
                throw new SpeechEngineUnavailableException(
                    "libvosk could not be loaded. Looked in: " + string.Join(", ", candidates) +
                    ". Run scripts/speech/fetch-libvosk.sh or set " + EnvironmentVariable + ".");
            }

            VoskNative.vosk_set_log_level(_logLevel);
        }
    }

    /// <summary>Like <see cref="EnsureLoaded"/> but reports instead of throwing; for health checks.</summary>
    public static bool TryEnsureLoaded(out string? error)
    {
        try
        {
            EnsureLoaded();
            error = null;
            return true;
        }
        catch (SpeechEngineUnavailableException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    private static void InstallResolver()
    {
        if (_resolverInstalled)
        {
            return;
        }

        // One resolver per assembly is allowed; it only answers for "vosk".
        NativeLibrary.SetDllImportResolver(typeof(VoskLibrary).Assembly, Resolve);
        _resolverInstalled = true;
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != VoskNative.Library)
        {
            return 0;
        }

        try
        {
            EnsureLoaded();
            return _handle;
        }
        catch (SpeechEngineUnavailableException)
        {
            // Zero lets the runtime raise DllNotFoundException; callers go through EnsureLoaded first anyway.
            return 0;
        }
    }
}
