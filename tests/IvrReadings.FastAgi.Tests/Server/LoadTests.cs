using System.Globalization;
using IvrReadings.AsteriskSim;
using IvrReadings.FastAgi.Tests.Support;

namespace IvrReadings.FastAgi.Tests.Server;

public sealed class LoadTests
{
    [Fact]
    public async Task A_thousand_simultaneous_calls_each_get_their_own_answers()
    {
        const int calls = 1000;
        var scripts = new TestScripts().Add("echo", async (ch, ct) =>
        {
            await ch.AnswerAsync(ct);
            await ch.SayDigitsAsync(ch.Environment.UniqueId.Replace(".", "", StringComparison.Ordinal), "", ct);
            var typed = await ch.GetDataAsync("beep", 3000, 10, ct);
            await ch.SetVariableAsync("ECHO", typed.Digits + "/" + ch.Environment.CallerId, ct);
        });
        await using var server = await TestServer.StartAsync(scripts);

        var results = await Task.WhenAll(Enumerable.Range(0, calls).Select(i => Task.Run(() => server.CallAsync(
            new SimCallOptions
            {
                Script = "echo",
                UniqueId = "1795313187." + i.ToString(CultureInfo.InvariantCulture),
                CallerId = (79160000000L + i).ToString(CultureInfo.InvariantCulture),
                RecordTranscript = false,
            },
            CallerScript.Create().Press(i.ToString(CultureInfo.InvariantCulture) + "#")))));

        Assert.Empty(await server.Scripts.FailuresWhenDoneAsync());
        for (var i = 0; i < calls; i++)
        {
            var result = results[i];
            Assert.Equal(SimEndReason.AppClosed, result.EndReason);
            Assert.Equal($"SAY DIGITS 1795313187{i} \"\"", result.Commands[1]);
            Assert.Equal($"{i}/{79160000000L + i}", result.Variables["ECHO"]);
        }
    }
}
