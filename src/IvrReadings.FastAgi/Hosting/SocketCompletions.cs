namespace IvrReadings.FastAgi;

/// <summary>Where socket completions run: on the socket engine's own thread (inline) rather than a thread-pool hop.</summary>
/// <remarks>
/// A FastAGI round trip is a few dozen bytes each way; handing every completion to the thread pool costs a thread
/// wake-up and a context switch per command, which on a small VM is most of the server's CPU per call (measured with
/// <c>make bench</c>: about a third less CPU per call inline). Continuations then run on the engine's thread until
/// their next await, so nothing on a call's path may block for long: recognition runs on the thread pool, SQLite
/// writes on their own writer thread, and Kestrel hands HTTP requests to the pool itself.
/// .NET reads the switch once, when the first socket is created: call this first thing in <c>Main</c>. An
/// explicit <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c> in the environment (0 turns it off) wins.
/// </remarks>
public static class SocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void PreferInline()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
