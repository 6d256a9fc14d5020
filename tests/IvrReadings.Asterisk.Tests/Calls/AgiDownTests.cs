using IvrReadings.Asterisk.Tests.Support;

namespace IvrReadings.Asterisk.Tests.Calls;

/// <summary>The product server is down: the dialplan says "technical problem" and queues the caller for an operator.</summary>
public sealed class AgiDownTests(RuLine fixture) : IClassFixture<RuLine>
{
    [AsteriskFact]
    public async Task With_the_server_down_the_caller_hears_technical_problem_and_reaches_an_operator()
    {
        await fixture.Line.Server.StopAsync();

        var call = await fixture.Line.CallAsync(Caller.Readings("79990003000").StaysSilent(TimeSpan.FromSeconds(40)));

        Assert.Equal("FAILURE", call.AgiStatus);
        Assert.Equal(["technical-problem", "operator-connect"], call.Prompts);
        Assert.True(call.Has("IvrReadings AGI server unreachable: FAILURE"), call.Transcript());
        Assert.True(call.Has("Queue(\"Local/"), call.Transcript());
        Assert.True(call.Has("IVRTEST operator answered"), call.Transcript());
        // From entering the line to the first word: no dead air while Asterisk finds the server gone.
        var entered = CallResult.TimeOf(call.Lines.First(l => l.Contains("Executing [s@ivr-readings:1]", StringComparison.Ordinal)));
        var firstPrompt = CallResult.TimeOf(call.Lines.First(l => l.Contains("Playing 'ivr-readings/technical-problem", StringComparison.Ordinal)));
        Assert.True(firstPrompt - entered < TimeSpan.FromSeconds(2), $"{(firstPrompt - entered).TotalSeconds:0.0} s of silence before the first prompt");
    }
}
