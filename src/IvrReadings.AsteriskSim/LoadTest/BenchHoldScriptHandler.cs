using IvrReadings.FastAgi;

namespace IvrReadings.AsteriskSim;

/// <summary>Parks a call (script <c>bench-hold</c>): ANSWER, WAIT FOR DIGIT -1, HANGUP. The load generator's hold mode
/// keeps thousands of these open to measure the memory of idle calls.</summary>
public sealed class BenchHoldScriptHandler : IAgiScriptHandler
{
    public const string ScriptName = "bench-hold";

    public static IReadOnlyList<string> ExpectedCommands { get; } = ["ANSWER", "WAIT FOR DIGIT -1", "HANGUP"];

    public async Task HandleAsync(IAgiChannel channel, CancellationToken callAborted)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await channel.AnswerAsync(callAborted).ConfigureAwait(false);
        await channel.WaitForDigitAsync(-1, callAborted).ConfigureAwait(false);
        await channel.HangupAsync(callAborted).ConfigureAwait(false);
    }
}
