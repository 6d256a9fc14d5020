using IvrReadings.FastAgi;

namespace IvrReadings.AsteriskSim;

/// <summary>The benchmark call (script <c>bench</c>): ANSWER, 3 x STREAM FILE, GET DATA, SAY DIGITS of the digits
/// received, SET VARIABLE, HANGUP. The load generator checks this exact sequence.</summary>
public sealed class BenchScriptHandler : IAgiScriptHandler
{
    public const string ScriptName = "bench";

    /// <summary>The exact command lines a correct server sends when the caller types <paramref name="digits"/> then '#'.</summary>
    public static IReadOnlyList<string> ExpectedCommands(string digits) =>
    [
        "ANSWER",
        "STREAM FILE ivr-readings/welcome \"\"",
        "STREAM FILE ivr-readings/account \"\"",
        "STREAM FILE ivr-readings/enter \"\"",
        "GET DATA beep 5000 10",
        $"SAY DIGITS {digits} \"\"",
        $"SET VARIABLE IVR_RESULT {digits}",
        "HANGUP",
    ];

    public async Task HandleAsync(IAgiChannel channel, CancellationToken callAborted)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await channel.AnswerAsync(callAborted).ConfigureAwait(false);
        await channel.StreamFileAsync("ivr-readings/welcome", string.Empty, 0, callAborted).ConfigureAwait(false);
        await channel.StreamFileAsync("ivr-readings/account", string.Empty, 0, callAborted).ConfigureAwait(false);
        await channel.StreamFileAsync("ivr-readings/enter", string.Empty, 0, callAborted).ConfigureAwait(false);
        var data = await channel.GetDataAsync("beep", 5000, 10, callAborted).ConfigureAwait(false);
        await channel.SayDigitsAsync(data.Digits.Length == 0 ? "0" : data.Digits, string.Empty, callAborted).ConfigureAwait(false);
        await channel.SetVariableAsync("IVR_RESULT", data.Digits, callAborted).ConfigureAwait(false);
        await channel.HangupAsync(callAborted).ConfigureAwait(false);
    }
}
