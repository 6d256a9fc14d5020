using IvrReadings.AsteriskSim;
using IvrReadings.Domain;

namespace IvrReadings.CallFlow.Tests.Voice;

/// <summary>
/// Asterisk's unique id is no identity: several boxes, or one box restarted, repeat it, and a dialplan or a hostile
/// peer may send anything. Every call gets the server's own id; Asterisk's names are attributes.
/// </summary>
public sealed class CallIdentityTests
{
    [Fact]
    public async Task Calls_with_a_repeated_blank_or_hostile_asterisk_id_each_get_their_own_record_timeline_and_recordings()
    {
        await using var server = VoiceEndToEndTests.HearsStandardFlat(await VoiceServer.StartAsync(TestDatabase.Sqlite));
        var hostile = "../../etc/" + new string('9', 5000) + "\u0001";
        SimCallOptions Voice(string uniqueId, string caller) => new() { Script = "voice", Query = "lang=ru", UniqueId = uniqueId, CallerId = caller };
        SimCallOptions[] calls =
        [
            Voice("1795313187.95", "79160000001"),
            Voice("1795313187.95", "79160000002"), // a second Asterisk box, or the same one restarted
            Voice(" ", "79160000003"),              // blank: used to drop the call before ANSWER
            Voice(hostile, "79160000004"),
        ];

        var results = await Task.WhenAll(calls.Select(o => server.CallAsync(VoiceServer.Speaks(10), o)));

        Assert.All(results, r => Assert.Equal("done", r.Variables["IVR_RESULT"]));
        var page = await WaitForCallsAsync(server.CallLog, calls.Length);
        Assert.Equal(calls.Length, page.Select(c => c.CallId).Distinct().Count());
        Assert.Equal(
            ["79160000001", "79160000002", "79160000003", "79160000004"],
            page.Select(c => c.CallerNumber).Order(StringComparer.Ordinal));
        var files = new List<string>();
        foreach (var call in page)
        {
            Assert.Matches("^[0-9a-f]{32}$", call.CallId);
            Assert.Equal(CallOutcome.Accepted, call.Outcome);
            var timeline = await server.CallLog.TimelineAsync(call.CallId, CancellationToken.None);
            Assert.Equal(10, timeline.Count(e => e.Event.Kind == CallEventKind.Recognition));
            Assert.Equal(4, (await server.Readings.ForCallAsync(call.CallId, CancellationToken.None)).Count);
            var recordings = await server.Recordings.ForCallAsync(call.CallId, CancellationToken.None);
            Assert.Equal(10, recordings.Count);
            Assert.All(recordings, r => Assert.StartsWith(call.CallId + "/", r.FilePath, StringComparison.Ordinal));
            files.AddRange(recordings.Select(r => r.FilePath));
        }

        Assert.Equal(40, files.Distinct().Count());
        Assert.Equal(40, Directory.GetFiles(server.RecordingsDirectory, "*.wav", SearchOption.AllDirectories).Length);

        var asterisk = page.Select(c => c.Asterisk?.UniqueId).ToList();
        Assert.Equal(2, asterisk.Count(id => id == "1795313187.95"));
        Assert.Single(asterisk, id => id is null);
        var cut = Assert.Single(asterisk, id => id?.StartsWith("../../etc/", StringComparison.Ordinal) == true);
        Assert.Equal(AsteriskCallIds.MaxLength, cut!.Length);
        Assert.All(page, c => Assert.StartsWith("Local/sim@ivr-", c.Asterisk!.Channel, StringComparison.Ordinal));
        Assert.Empty(await server.ErrorsWhenDoneAsync());
    }

    [Fact]
    public async Task Touch_tone_calls_with_the_same_blank_asterisk_id_are_each_served_and_logged_as_their_own_call()
    {
        await using var server = await EndToEnd.ReadingsServer.StartAsync(TestDatabase.Sqlite);
        SimCallOptions Blank(string caller) => new() { Query = "lang=ru", UniqueId = " ", CallerId = caller };

        // A blank id used to drop the call before ANSWER; as the call's name, two blank ones would be one call in the log.
        var reading = await server.CallAsync(AsteriskSim.Phone.PhoneSimulator.ScriptedCaller(Some.StandardCall), Blank("79160000001"));
        var handOff = await server.CallAsync(AsteriskSim.Phone.PhoneSimulator.ScriptedCaller("0"), Blank("79160000002"));

        Assert.Equal("ANSWER", reading.Commands[0]);
        Assert.Equal("done", reading.Variables["IVR_RESULT"]);
        Assert.Equal("operator", handOff.Variables["IVR_RESULT"]);
        var calls = await WaitForCallsAsync(server.CallLog, 2);
        Assert.Equal(2, calls.Count);
        var accepted = Assert.Single(calls, c => c.CallerNumber == "79160000001");
        Assert.Equal((CallOutcome.Accepted, (string?)null), (accepted.Outcome, accepted.Asterisk?.UniqueId));
        Assert.Equal(4, (await server.Readings.ForCallAsync(accepted.CallId, CancellationToken.None)).Count);
        var handedOff = Assert.Single(calls, c => c.CallerNumber == "79160000002");
        Assert.Equal(CallOutcome.Operator, handedOff.Outcome);
        Assert.Empty(await server.Readings.ForCallAsync(handedOff.CallId, CancellationToken.None));
    }

    /// <summary>The call log is written off the caller's path: wait until <paramref name="count"/> calls have ended in it.</summary>
    private static async Task<IReadOnlyList<CallRecord>> WaitForCallsAsync(ICallLog callLog, int count)
    {
        for (var i = 0; ; i++)
        {
            var page = await callLog.ListAsync(new CallFilter(), CancellationToken.None);
            if ((page.Calls.Count >= count && page.Calls.All(c => c.EndedAt is not null)) || i == 100)
            {
                return page.Calls;
            }

            await Task.Delay(50);
        }
    }
}
