using IvrReadings.Asterisk.Tests.Support;
using IvrReadings.Domain;

namespace IvrReadings.Asterisk.Tests.Calls;

/// <summary>
/// The last meter left is asked at once, by name, with no menu; '#' alone there finishes without it (GET DATA's answer
/// to a lone '#' is Asterisk's: an empty result, not a timeout).
/// </summary>
public sealed class LastMeterTests(RuLine fixture) : IClassFixture<RuLine>
{
    [AsteriskFact]
    public async Task Hash_alone_at_the_last_meter_finishes_with_the_summary()
    {
        // Demo account 5678901: electricity 45012 and cold water 905. The caller gives the water, not the electricity.
        const string number = "79990005000";
        var call = await fixture.Line.CallAsync(Caller.Readings(number).Keys("2", "5678901#", "1", "2", "910#", "1", "#"));

        Assert.Equal("done", call.IvrResult);
        Assert.True(call.Count("(timeout)") == 0, $"an input timed out\n{call.Transcript()}");
        var prompts = call.Prompts.ToList();
        var accepted = prompts.IndexOf("reading-accepted");
        Assert.Equal(["reading-accepted", "kind-electricity", "reading-enter-short"], prompts.Skip(accepted).Take(3));
        Assert.Equal(["summary-intro", "kind-cold-water", "goodbye"], prompts.Skip(accepted + 3));
        Assert.DoesNotContain("next-guided", prompts);

        var stored = await fixture.Line.Server.ReadingsAsync("5678901");
        Assert.Equal([910L], stored.Where(r => r.CallerNumber == number).Select(r => r.Value));
        var record = await fixture.Line.Server.EndedCallFromAsync(number);
        Assert.Equal(CallOutcome.Accepted, record.Outcome);
    }
}
