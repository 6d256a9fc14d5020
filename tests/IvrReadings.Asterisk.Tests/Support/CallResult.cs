using System.Globalization;
using System.Text.RegularExpressions;

namespace IvrReadings.Asterisk.Tests.Support;

/// <summary>One input the caller keyed, as the caller dialplan logged it.</summary>
/// <param name="AfterQuiet">WAITSTATUS=SILENCE: keyed after 1.2 s of quiet (not cut off by a 60 s wait).</param>
public sealed record KeyInput(string Keys, bool AfterQuiet, DateTime At);

/// <summary>
/// What one call left in the Asterisk log (its lines only: both Local legs and the operator, by their call ids):
/// how it ended, which prompts played, what the caller keyed, and anything Asterisk complained about.
/// </summary>
public sealed partial class CallResult
{
    public CallResult(Caller caller, string channelPrefix, IReadOnlyList<string> lines)
    {
        Caller = caller;
        ChannelPrefix = channelPrefix;
        Lines = lines;
        Ended = Find(EndedLine());
        Keys = [.. lines.Select(l => (Line: l, Match: KeyLine().Match(l))).Where(x => x.Match.Success)
            .Select(x => new KeyInput(x.Match.Groups["keys"].Value, x.Match.Groups["status"].Value == "SILENCE", TimeOf(x.Line)))];
        // What the caller hears: files played on the network leg (;2), not the caller's own "speech".
        Prompts = [.. lines.Where(l => l.Contains(";2>", StringComparison.Ordinal)).Select(l => PromptLine().Match(l))
            .Where(m => m.Success).Select(m => m.Groups["id"].Value)];
        Problems = [.. lines.Where(l => ProblemLine().IsMatch(l))];
        var entered = lines.FirstOrDefault(l => l.Contains("Executing [s@ivr-readings", StringComparison.Ordinal));
        var endedAt = lines.FirstOrDefault(l => EndedLine().IsMatch(l));
        var firstPrompt = lines.FirstOrDefault(l => l.Contains(";2>", StringComparison.Ordinal) && PromptLine().IsMatch(l));
        if (entered is not null && endedAt is not null)
        {
            Duration = TimeOf(endedAt) - TimeOf(entered);
        }

        if (firstPrompt is not null && endedAt is not null)
        {
            Spoken = TimeOf(endedAt) - TimeOf(firstPrompt);
        }
    }

    public Caller Caller { get; }

    /// <summary>The network leg's channel name up to its sequence number ("Local/0001799...@ivrtest-in").</summary>
    public string ChannelPrefix { get; }

    public IReadOnlyList<string> Lines { get; }

    /// <summary>Prompt files played to the caller, in order (ids under ivr-readings/, or core sounds such as "beep").</summary>
    public IReadOnlyList<string> Prompts { get; }

    public IReadOnlyList<KeyInput> Keys { get; }

    /// <summary>Errors, missing sound files, applications or functions in the call's log lines.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>From entering the product's line to its hangup handler: the time the caller spends on the line.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>From the first prompt to the hangup handler: <see cref="Duration"/> without the wait for the server to take the call.</summary>
    public TimeSpan? Spoken { get; }

    /// <summary>IVR_RESULT the product left for the dialplan (empty when it left none); null when the line never ended.</summary>
    public string? IvrResult => Ended?.Groups["result"].Value;

    /// <summary>AGISTATUS of the last AGI() run (SUCCESS, HANGUP, FAILURE).</summary>
    public string? AgiStatus => Ended?.Groups["status"].Value;

    /// <summary>AGI commands the server sent, in order ("STREAM FILE ivr-readings/welcome ...", "RECORD FILE ...").</summary>
    public IEnumerable<string> AgiCommands => Lines.Select(l => AgiCommandLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["command"].Value);

    private Match? Ended { get; }

    public bool Has(string text) => Lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    public int Count(string text) => Lines.Count(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>The call's log, for a failure message.</summary>
    public string Transcript(int maxLines = 400) =>
        string.Join('\n', Lines.Where(l => !l.Contains("AGI Tx >> agi_", StringComparison.Ordinal)).TakeLast(maxLines));

    public override string ToString() =>
        $"{Caller} -> IVR_RESULT={IvrResult ?? "(never ended)"} AGISTATUS={AgiStatus} in {Duration?.TotalSeconds:0.0} s";

    public static DateTime TimeOf(string line) =>
        DateTime.ParseExact(line.AsSpan(1, 23), "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private Match? Find(Regex regex) => Lines.Select(l => regex.Match(l)).FirstOrDefault(m => m.Success);

    [GeneratedRegex(@"IvrReadings (voice )?call ended: AGISTATUS=(?<status>\S*) IVR_RESULT=(?<result>[^""\s]*)")]
    private static partial Regex EndedLine();

    [GeneratedRegex(@"app_verbose\.c: IVRTEST \d+ keys (?<keys>\S+) after quiet \(WAITSTATUS=(?<status>\w*)\)")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"Playing '(ivr-readings/)?(?<id>[^'.]+)\.\w+'")]
    private static partial Regex PromptLine();

    [GeneratedRegex(@"AGI Rx << (?<command>.+)$")]
    private static partial Regex AgiCommandLine();

    [GeneratedRegex(@"ERROR\[|No application '|Function .* not registered|does not exist in any format|Unable to open")]
    private static partial Regex ProblemLine();
}
