using IvrReadings.Domain;

namespace IvrReadings.Asterisk.Tests.Support;

/// <summary>
/// The README's standard call: demo account 1234567 (two-zone electricity 6100/2010, cold water kitchen 412 and
/// bathroom 287), all four readings confirmed, by a first-time caller who keys each input after 1.2 s of quiet.
/// </summary>
public static class StandardCall
{
    public const string Account = "1234567";

    public static readonly string[] Inputs = ["2", "1234567#", "1", "1", "6116#", "2020#", "1", "1", "420#", "1", "1", "290#", "1", "2"];

    public static readonly long[] Values = [6116, 2020, 420, 290];

    /// <summary>
    /// Upper bound for the ru/uk call with a margin for a loaded machine. Measured on the real Asterisk, same machine:
    /// 97.0 s (ru) / 90.8 s (uk) before the work on caller time, 78.4 s / 74.3 s after (the target of issue 12 is 70 s).
    /// </summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(85);

    /// <summary>English words are longer: 111.3 s before.</summary>
    public static readonly TimeSpan EnglishBound = TimeSpan.FromSeconds(95);

    public static Caller Caller(string callerNumber) => Support.Caller.Readings(callerNumber).Keys(Inputs);

    /// <summary>Every input keyed after quiet, the call done, the four readings stored from this call as keyed and accepted.</summary>
    public static async Task AssertCompletedAsync(CallResult call, ProductServer server)
    {
        Assert.True(call.Keys.Count == Inputs.Length, $"{call.Keys.Count} inputs keyed, expected {Inputs.Length}\n{call.Transcript()}");
        Assert.All(call.Keys, k => Assert.True(k.AfterQuiet, $"'{k.Keys}' was keyed after a 60 s wait, not after quiet"));
        Assert.Equal(Inputs, call.Keys.Select(k => k.Keys));
        Assert.Equal("done", call.IvrResult);
        var readings = (await server.ReadingsAsync(Account)).Where(r => r.CallerNumber == call.Caller.CallerNumber).ToList();
        Assert.Equal(Values, readings.Select(r => r.Value));
        Assert.All(readings, r => Assert.Equal(SubmissionChannel.Keys, r.Channel));
        Assert.All(readings, r => Assert.Equal(ReadingStatus.Accepted, r.Status));
    }
}
