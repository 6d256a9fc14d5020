using IvrReadings.Asterisk.Tests.Support;
using Xunit.Abstractions;

namespace IvrReadings.Asterisk.Tests.Calls;

/// <summary>The standard call (docs/callflow.md, "Caller experience: how long the standard call takes") on the real line,
/// in Russian (the shipped default): readings stored, caller time measured.</summary>
public sealed class StandardCallTests(RuLine fixture, ITestOutputHelper output) : IClassFixture<RuLine>
{
    [AsteriskFact]
    public async Task A_first_time_caller_gives_all_four_readings_within_the_caller_time_target()
    {
        var call = await fixture.Line.CallAsync(StandardCall.Caller("79990001234"));
        output.WriteLine($"ru standard call: {call.Duration?.TotalSeconds:0.0} s on the line, {StandardCall.PlayedTime(call, "ru").TotalSeconds:0.0} s as played, {call.Prompts.Count} prompt files");

        await StandardCall.AssertCompletedAsync(call, fixture.Line.Server);
        Assert.Equal("HANGUP", call.AgiStatus); // the product said goodbye and hung up
        StandardCall.AssertCallerTime(call, "ru", StandardCall.Target);
        // The read-backs the caller must hear: the account digit by digit, both zones, each cold-water value.
        Assert.Contains("account-readback", call.Prompts);
        Assert.Equal(4, call.Prompts.Count(p => p == "confirm-or-reenter"));
        // No menu the caller does not need: one guided offer (after the electricity), then the last meter asked by name,
        // and after its confirmation the summary at once.
        Assert.Single(call.Prompts, p => p == "next-guided");
        var summary = call.Prompts.ToList().IndexOf("summary-intro");
        Assert.Equal("confirm-or-reenter", call.Prompts[summary - 1]);
        Assert.Contains("goodbye", call.Prompts);
    }
}

/// <summary>The same call on a Ukrainian line: every prompt it plays exists in uk.</summary>
public sealed class UkrainianStandardCallTests(UkLine fixture, ITestOutputHelper output) : IClassFixture<UkLine>
{
    [AsteriskFact]
    public async Task A_first_time_caller_gives_all_four_readings_in_ukrainian()
    {
        var call = await fixture.Line.CallAsync(StandardCall.Caller("380441234567"));
        output.WriteLine($"uk standard call: {call.Duration?.TotalSeconds:0.0} s on the line, {StandardCall.PlayedTime(call, "uk").TotalSeconds:0.0} s as played");

        await StandardCall.AssertCompletedAsync(call, fixture.Line.Server);
        Assert.Contains(call.Lines, l => l.Contains("Playing 'ivr-readings/welcome.", StringComparison.Ordinal) && l.Contains("(language 'uk')", StringComparison.Ordinal));
        StandardCall.AssertCallerTime(call, "uk", StandardCall.Target);
    }
}

/// <summary>The same call on an English line.</summary>
public sealed class EnglishStandardCallTests(EnLine fixture, ITestOutputHelper output) : IClassFixture<EnLine>
{
    [AsteriskFact]
    public async Task A_first_time_caller_gives_all_four_readings_in_english()
    {
        var call = await fixture.Line.CallAsync(StandardCall.Caller("447700900123"));
        output.WriteLine($"en standard call: {call.Duration?.TotalSeconds:0.0} s on the line, {StandardCall.PlayedTime(call, "en").TotalSeconds:0.0} s as played");

        await StandardCall.AssertCompletedAsync(call, fixture.Line.Server);
        Assert.Contains(call.Lines, l => l.Contains("Playing 'ivr-readings/welcome.", StringComparison.Ordinal) && l.Contains("(language 'en')", StringComparison.Ordinal));
        StandardCall.AssertCallerTime(call, "en", StandardCall.EnglishTarget);
    }
}
