using IvrReadings.Asterisk.Tests.Support;

namespace IvrReadings.Asterisk.Tests.Calls;

/// <summary>The voice line (rotary phones): the caller speaks after each beep; every answer is recorded and ends on silence.</summary>
public sealed class VoiceLineTests(RuLine fixture) : IClassFixture<RuLine>
{
    /// <summary>The Russian core-sound digits: the account 1234567, then the reading 6116.</summary>
    private static readonly string[] Speech = ["digits/1&digits/2&digits/3&digits/4&digits/5&digits/6&digits/7", "digits/6&digits/1&digits/1&digits/6"];

    [AsteriskFact]
    public async Task A_caller_who_speaks_is_recorded_answer_by_answer()
    {
        var call = await fixture.Line.CallAsync(Caller.Voice("79990005000").Says(Speech));

        Assert.Equal("done", call.IvrResult);
        var records = call.AgiCommands.Where(c => c.StartsWith("RECORD FILE", StringComparison.Ordinal)).ToList();
        Assert.True(records.Count >= 2, call.Transcript());
        var wavs = Directory.GetFiles(fixture.Line.Server.RecordingsDirectory, "*.wav", SearchOption.AllDirectories);
        Assert.True(wavs.Length >= 2, $"{wavs.Length} recordings");
        foreach (var wav in wavs)
        {
            // 8 kHz 16-bit mono: the speech is 3-5 s; a recording that missed the silence would run on to its 15 s maximum.
            var seconds = (new FileInfo(wav).Length - 44) / 16000.0;
            Assert.InRange(seconds, 1, 8);
        }
    }
}

/// <summary>A caller who keys nothing at the main menu (a pulse phone) is taken to the voice line on the same call.</summary>
public sealed class SilentMainMenuTests(RuLine fixture) : IClassFixture<RuLine>
{
    [AsteriskFact]
    public async Task Two_silent_main_menus_move_the_caller_to_the_voice_line()
    {
        var caller = Caller.Readings("79990006000")
            .StaysSilent(TimeSpan.FromSeconds(18)) // two main menus, each with its 3 s wait for a key
            .Says("digits/1&digits/2&digits/3&digits/4&digits/5&digits/6&digits/7") // at the voice line's first beep
            .HangsUp();

        var call = await fixture.Line.CallAsync(caller);

        Assert.Equal(2, call.Prompts.Count(p => p == "main-menu"));
        Assert.Empty(call.Keys);
        // After the second main menu the same call goes on in the voice flow, which records the caller's answer.
        var commands = call.AgiCommands.ToList();
        var lastMenu = commands.FindLastIndex(c => c.StartsWith("GET DATA ivr-readings/main-menu", StringComparison.Ordinal));
        var record = commands.FindIndex(c => c.StartsWith("RECORD FILE", StringComparison.Ordinal));
        Assert.True(lastMenu >= 0 && record > lastMenu, string.Join('\n', commands));
        Assert.Contains(call.Prompts, p => p.StartsWith("voice-", StringComparison.Ordinal));
    }
}
