using IvrReadings.Asterisk.Tests.Support;
using IvrReadings.Domain;

namespace IvrReadings.Asterisk.Tests.Calls;

/// <summary>A caller who hangs up in the middle of a reading: what was confirmed stays, nothing half-keyed is stored.</summary>
public sealed class HangupTests(RuLine fixture) : IClassFixture<RuLine>
{
    [AsteriskFact]
    public async Task A_hangup_while_the_robot_asks_for_the_next_reading_keeps_the_confirmed_meter_only()
    {
        const string number = "79990004000";
        var caller = Caller.Readings(number)
            .Keys("2", "1234567#", "1", "1", "6116#", "2020#", "1", "1")
            .WaitsForRobot() // the robot is saying "reading and hash" for the kitchen meter
            .HangsUp();

        var logged = (await fixture.Line.Server.ReadLogAsync()).Length;
        var call = await fixture.Line.CallAsync(caller);

        Assert.Equal("HANGUP", call.AgiStatus);
        Assert.Equal("", call.IvrResult);
        var stored = await fixture.Line.Server.ReadingsAsync(StandardCall.Account);
        Assert.Equal([6116L, 2020L], stored.Where(r => r.CallerNumber == number).Select(r => r.Value));
        var record = await fixture.Line.Server.EndedCallFromAsync(number);
        Assert.Equal(CallOutcome.Partial, record.Outcome);
        Assert.Equal("ReadingEntry", record.LastStep);
        // Asterisk answers "200 result=-1" for a hangup during a prompt as for a missing file: the server tells them
        // apart (issue 12, item 1) and logs a hangup, not "Asterisk has no prompt ... run make install-sounds".
        var log = await fixture.Line.Server.LogSinceAsync(logged, "Caller hung up");
        Assert.Contains("Caller hung up", log, StringComparison.Ordinal);
        Assert.DoesNotContain("has no prompt", log, StringComparison.Ordinal);
        Assert.DoesNotContain("handler failed", log, StringComparison.Ordinal);
    }
}
