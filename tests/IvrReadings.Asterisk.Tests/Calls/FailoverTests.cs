using IvrReadings.Asterisk.Tests.Support;
using IvrReadings.Domain;

namespace IvrReadings.Asterisk.Tests.Calls;

/// <summary>Two servers listed in the shipped dialplan's settings (IVR_READINGS_AGI, IVR_READINGS_AGI_2).</summary>
public sealed class TwoServerLine : LineFixture
{
    protected override LineOptions Options => new("ru", Servers: 2);
}

/// <summary>Issue 14 item 5: one server stops, the next call goes to the other without the caller noticing.</summary>
public sealed class FailoverTests(TwoServerLine fixture) : IClassFixture<TwoServerLine>
{
    private static readonly string[] OneMeter = ["2", "1234567#", "1", "1", "6116#", "2020#", "1", "2"];

    [AsteriskFact]
    public async Task With_the_first_server_stopped_the_next_call_is_served_by_the_second_and_with_both_down_by_an_operator()
    {
        var (a, b) = (fixture.Line.Servers[0], fixture.Line.Servers[1]);

        var first = await fixture.Line.CallAsync(Caller.Readings("79990008001").Keys("0"));
        Assert.Equal("operator", first.IvrResult);
        Assert.Equal(CallOutcome.Operator, (await a.EndedCallFromAsync("79990008001")).Outcome);
        Assert.Empty(await b.CallsFromAsync("79990008001"));
        Assert.False(first.Has("refused the call"), first.Transcript());

        await a.StopAsync();
        var second = await fixture.Line.CallAsync(Caller.Readings("79990008002").Keys(OneMeter));

        // Server A refused, B took the call at once: the caller heard the greeting, not "technical problem".
        Assert.True(second.Has($"IvrReadings server 1 ({a.AgiUrl}) refused the call"), second.Transcript());
        Assert.Equal("done", second.IvrResult);
        Assert.DoesNotContain("technical-problem", second.Prompts);
        Assert.Equal("welcome", second.Prompts[0]);
        var entered = CallResult.TimeOf(second.Lines.First(l => l.Contains("Executing [s@ivr-readings:1]", StringComparison.Ordinal)));
        var greeted = CallResult.TimeOf(second.Lines.First(l => l.Contains("Playing 'ivr-readings/welcome", StringComparison.Ordinal)));
        Assert.True(greeted - entered < TimeSpan.FromSeconds(2), $"{(greeted - entered).TotalSeconds:0.0} s before the greeting");
        var stored = await b.ReadingsAsync(StandardCall.Account);
        Assert.Equal([6116L, 2020L], stored.Where(r => r.CallerNumber == "79990008002").Select(r => r.Value));
        Assert.Equal(CallOutcome.Accepted, (await b.EndedCallFromAsync("79990008002")).Outcome);

        // With every listed server down the dialplan still tells the caller and queues them for an operator.
        await b.StopAsync();
        var call = await fixture.Line.CallAsync(Caller.Readings("79990008003").StaysSilent(TimeSpan.FromSeconds(30)));

        Assert.Equal("FAILURE", call.AgiStatus);
        Assert.True(call.Has("IvrReadings server 2 ("), call.Transcript());
        Assert.Equal(["technical-problem", "operator-connect"], call.Prompts);
        Assert.True(call.Has("IVRTEST operator answered"), call.Transcript());
    }
}
