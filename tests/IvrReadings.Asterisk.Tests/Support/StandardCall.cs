using IvrReadings.CallFlow.Timing;
using IvrReadings.Domain;

namespace IvrReadings.Asterisk.Tests.Support;

/// <summary>
/// The standard call of docs/callflow.md ("Caller experience: how long the standard call takes"; in brief in the
/// README's Performance section): demo account 1234567 (two-zone electricity 6100/2010, cold water kitchen 412 and
/// bathroom 287), all four readings confirmed, by a first-time caller who keys each input after 1.2 s of quiet.
/// </summary>
public static class StandardCall
{
    public const string Account = "1234567";

    /// <summary>Main menu, account, its read-back, electricity from the menu (both zones, one confirmation), the kitchen
    /// offered next, the bathroom (the last meter) asked at once; the summary follows its confirmation.</summary>
    public static readonly string[] Inputs = ["2", "1234567#", "1", "1", "6116#", "2020#", "1", "1", "420#", "1", "290#", "1"];

    public static readonly long[] Values = [6116, 2020, 420, 290];

    /// <summary>
    /// Issue 12's target for the caller time of this call, held on <see cref="PlayedTime"/>: what the call takes on an
    /// idle line, from what Asterisk played and the caller's fixed part, so a loaded machine cannot move it.
    /// </summary>
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(70);

    /// <summary>English words are longer.</summary>
    public static readonly TimeSpan EnglishTarget = TimeSpan.FromSeconds(70);

    /// <summary>
    /// The wall clock on the line (<see cref="CallResult.Duration"/>): the target plus room for a loaded machine, where
    /// every AGI round trip and Asterisk's own silence detection run late (measured up to ~5 s over on the shared VM).
    /// </summary>
    public static readonly TimeSpan WallClockBound = TimeSpan.FromSeconds(80);

    public static Caller Caller(string callerNumber) => Support.Caller.Readings(callerNumber).Keys(Inputs);

    /// <summary>
    /// The caller time as Asterisk played it: every prompt file the caller heard, at its WAV's length, plus the
    /// caller's part as the harness keys it (1.2 s of quiet before each input, SendDTMF's 100 ms of quiet first, 100 ms
    /// tones 250 ms apart, the last key sent on its own). It leaves out only the machine's delays, so it is what the
    /// same call takes on an idle line.
    /// </summary>
    public static TimeSpan PlayedTime(CallResult call, string language)
    {
        ArgumentNullException.ThrowIfNull(call);
        var durations = new PromptDurations(Checkout.Sounds, language);
        var prompts = call.Prompts.Aggregate(TimeSpan.Zero, (total, id) => total + durations.Of(id));
        var caller = call.Keys.Aggregate(TimeSpan.Zero, (total, k) => total + TimeSpan.FromMilliseconds(
            1200 + 100 + 100 + (k.Keys.Length > 1 ? ((k.Keys.Length - 1) * 350) + 100 : 0)));
        return prompts + caller;
    }

    /// <summary>Every input keyed after quiet, no question left unanswered, the call done, the four readings stored from
    /// this call as keyed and accepted.</summary>
    public static async Task AssertCompletedAsync(CallResult call, ProductServer server)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(server);
        Assert.True(call.Keys.Count == Inputs.Length, $"{call.Keys.Count} inputs keyed, expected {Inputs.Length}\n{call.Transcript()}");
        Assert.All(call.Keys, k => Assert.True(k.AfterQuiet, $"'{k.Keys}' was keyed after a 60 s wait, not after quiet"));
        Assert.Equal(Inputs, call.Keys.Select(k => k.Keys));
        // Each question was answered as it was asked: none ran into its input timeout (a question the caller missed).
        Assert.True(call.Count("(timeout)") == 0, $"an input timed out\n{call.Transcript()}");
        Assert.Equal("done", call.IvrResult);
        var readings = (await server.ReadingsAsync(Account)).Where(r => r.CallerNumber == call.Caller.CallerNumber).ToList();
        Assert.Equal(Values, readings.Select(r => r.Value));
        Assert.All(readings, r => Assert.Equal(SubmissionChannel.Keys, r.Channel));
        Assert.All(readings, r => Assert.Equal(ReadingStatus.Accepted, r.Status));
    }

    /// <summary>The caller time held to its target as played, and to the target plus the load margin on the wall clock.</summary>
    public static void AssertCallerTime(CallResult call, string language, TimeSpan target)
    {
        ArgumentNullException.ThrowIfNull(call);
        Assert.NotNull(call.Duration);
        var played = PlayedTime(call, language);
        Assert.True(played <= target, $"the standard call plays for {played.TotalSeconds:0.0} s (target {target.TotalSeconds} s)");
        Assert.True(call.Duration <= WallClockBound, $"the standard call took {call.Duration?.TotalSeconds:0.0} s on the line (bound {WallClockBound.TotalSeconds} s)");
    }
}
