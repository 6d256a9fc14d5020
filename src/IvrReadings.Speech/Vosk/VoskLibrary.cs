using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace IvrReadings.Speech.Vosk;

/// <summary>
/// Loads libvosk from one place only: <c>libvosk.so</c> in the configured directory (<c>Speech:NativeLibraryDirectory</c>,
/// default <c>native</c>, relative to the working directory), and only when its sha256 is the one
/// <c>scripts/speech/fetch-libvosk.sh</c> checks. No search of system paths or parent directories: a server loads the
/// library its operator put there, or none.
/// </summary>
public static class VoskLibrary
{
    public const string DefaultDirectory = "native";

    private static readonly Lock Gate = new();
    private static readonly Lazy<string> Checksum = new(ReadExpectedChecksum);

    private static string FileName =>
        OperatingSystem.IsWindows() ? "vosk.dll" : OperatingSystem.IsMacOS() ? "libvosk.dylib" : "libvosk.so";
    private static string _directory = DefaultDirectory;
    private static bool _resolverInstalled;
    private static nint _handle;
    private static int _logLevel = -1;

    /// <summary>The sha256 (hex) a library must have to be loaded: scripts/speech/libvosk.sha256, embedded at build.</summary>
    public static string ExpectedSha256 => Checksum.Value;

    /// <summary>Sets the directory. Once the library is loaded (once per process) it has no effect.</summary>
    public static void Configure(string? directory, int logLevel = -1)
    {
        lock (Gate)
        {
            InstallResolver();
            if (_handle != 0)
            {
                return;
            }

            _directory = string.IsNullOrWhiteSpace(directory) ? DefaultDirectory : directory;
            _logLevel = logLevel;
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

    /// <summary>The one file loaded, or to be loaded (full path).</summary>
    public static string LibraryPath
    {
        get
        {
            lock (Gate)
            {
                return Path.GetFullPath(Path.Combine(_directory, FileName));
            }
        }
    }

    /// <summary>Loads libvosk now, or throws <see cref="SpeechEngineUnavailableException"/> saying what is wrong.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            InstallResolver();
            if (_handle != 0)
            {
                return;
            }

            _handle = Load(LibraryPath);
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

    /// <summary>Loads <paramref name="path"/> if it is the expected build of libvosk.</summary>
    internal static nint Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SpeechEngineUnavailableException(
                $"libvosk not found at {path}. Run 'make native' (scripts/speech/fetch-libvosk.sh) or set Speech:NativeLibraryDirectory.");
        }

        string actual;
        using (var stream = File.OpenRead(path))
        {
            actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        if (!string.Equals(actual, ExpectedSha256, StringComparison.Ordinal))
        {
            throw new SpeechEngineUnavailableException(
                $"{path} is not the libvosk this server is built for (sha256 {actual}, expected {ExpectedSha256}); " +
                "scripts/speech/fetch-libvosk.sh puts the right one there.");
        }

        if (!NativeLibrary.TryLoad(path, out var handle))
        {
            throw new SpeechEngineUnavailableException($"libvosk at {path} could not be loaded (missing system libraries?).");
        }

        return handle;
    }

    private static string ReadExpectedChecksum()
    {
        using var stream = typeof(VoskLibrary).Assembly.GetManifestResourceStream("IvrReadings.Speech.libvosk.sha256")
            ?? throw new InvalidOperationException("The libvosk checksum is not embedded in this build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split(' ', 2)[0].Trim();
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
        catch (SpeechEngineUnavailableException ex)
        {
            // Not zero: that would let the runtime's own search load whatever libvosk it finds, unchecked.
            throw new DllNotFoundException(ex.Message, ex);
        }
    }
}
