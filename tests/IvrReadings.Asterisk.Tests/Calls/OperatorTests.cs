using IvrReadings.Asterisk.Tests.Support;
using IvrReadings.Domain;

namespace IvrReadings.Asterisk.Tests.Calls;

/// <summary>"0" at the main menu: the product says so and hands the call back; the dialplan queues it; an operator answers.</summary>
public sealed class OperatorTests(RuLine fixture) : IClassFixture<RuLine>
{
    [AsteriskFact]
    public async Task Zero_at_the_main_menu_reaches_an_operator()
    {
        var logged = (await fixture.Line.Server.ReadLogAsync()).Length;
        var call = await fixture.Line.CallAsync(Caller.Readings("79990002000").Keys("0"));

        Assert.Equal("operator", call.IvrResult);
        Assert.Equal("SUCCESS", call.AgiStatus);
        Assert.Equal("operator-connect", call.Prompts[^1]);
        Assert.True(call.Has("Queue(\"Local/"), call.Transcript());
        Assert.True(call.Has("IVRTEST operator answered"), call.Transcript());
        // The server left before the queue, so the caller never hears "technical problem".
        Assert.DoesNotContain("technical-problem", call.Prompts);
        var record = await fixture.Line.Server.EndedCallFromAsync("79990002000");
        Assert.Equal(CallOutcome.Operator, record.Outcome);
        // The hand-off is logged as one (issue 12, item 4), not as "Caller hung up (connection reset)".
        var log = await fixture.Line.Server.LogSinceAsync(logged, "handed to the operator queue");
        Assert.Contains("handed to the operator queue", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Caller hung up", log, StringComparison.Ordinal);
    }
}
