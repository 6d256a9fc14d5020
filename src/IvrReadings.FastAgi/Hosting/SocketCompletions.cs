namespace IvrReadings.FastAgi;

/// <summary>Where socket completions run: on one socket engine thread (inline) rather than a thread-pool hop, and one
/// such thread rather than one per core.</summary>
/// <remarks>
/// A FastAGI round trip is a few dozen bytes each way; handing every completion to the thread pool costs a thread
/// wake-up and a context switch per command. Continuations then run on the engine's thread until their next await, so
/// nothing may block there: recognition runs on the thread pool, SQLite writes on their own writer thread, Kestrel hands
/// HTTP requests to the pool itself, and every database operation resumes its caller on the pool. Why one engine thread
/// and what it measured: docs/fastagi.md, the paragraph on PreferInlineOnOneThread.
/// .NET reads both switches once, when the first socket is created: call this first thing in <c>Main</c>. Explicit
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c> (0 turns it off) and <c>DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT</c>
/// in the environment win.
/// </remarks>
public static class SocketCompletions
{
    public const string InlineVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
    public const string ThreadCountVariable = "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT";

    /// <summary>For a server: inline completions on one engine thread.</summary>
    public static void PreferInlineOnOneThread()
    {
        Default(InlineVariable, "1");
        Default(ThreadCountVariable, "1");
    }

    /// <summary>For a load generator, which plays thousands of Asterisk channels at once: inline completions on .NET's
    /// engine thread per core. It stays the same whichever server it loads, so their figures compare.</summary>
    public static void PreferInline() => Default(InlineVariable, "1");

    private static void Default(string variable, string value)
    {
        if (Environment.GetEnvironmentVariable(variable) is null)
        {
            Environment.SetEnvironmentVariable(variable, value);
        }
    }
}
