using System.Text.RegularExpressions;
using IvrReadings.Asterisk.Tests.Support;
using IvrReadings.CallFlow.Flow;
using IvrReadings.CallFlow.Prompts;
using IvrReadings.FastAgi;

namespace IvrReadings.Asterisk.Tests.Prompts;

/// <summary>
/// Static half of the prompt coverage (the calls check the other half in Asterisk's log): every prompt the product
/// can name, from the flows, the dialplan or the FastAGI server, is in the catalogue and has a WAV in every language.
/// </summary>
public sealed partial class PromptFileTests
{
    [Fact]
    public void Every_catalogue_prompt_has_a_wav_in_every_language_and_no_wav_is_left_over()
    {
        foreach (var lang in CallLanguages.All)
        {
            var wavs = Directory.GetFiles(Path.Combine(Checkout.Sounds, lang), "*.wav").Select(Path.GetFileNameWithoutExtension).ToHashSet();
            var missing = PromptCatalogue.Default.Ids.Where(id => !wavs.Contains(id)).ToList();
            var extra = wavs.Where(id => !PromptCatalogue.Default.Contains(id!)).ToList();
            Assert.True(missing.Count == 0, $"sounds/{lang} lacks {string.Join(", ", missing)}");
            Assert.True(extra.Count == 0, $"sounds/{lang} has WAVs no catalogue entry names: {string.Join(", ", extra)}");
        }
    }

    [Fact]
    public void The_dialplan_and_the_server_name_only_catalogue_prompts()
    {
        var dialplan = File.ReadAllText(Checkout.Dialplan);
        var named = DialplanPrompt().Matches(dialplan).Select(m => m.Groups["id"].Value).Distinct().ToList();
        Assert.Contains("technical-problem", named);
        var busy = new FastAgiOptions().BusyPrompt;
        Assert.StartsWith(PromptCatalogue.AsteriskFolder + "/", busy, StringComparison.Ordinal);
        named.Add(busy[(PromptCatalogue.AsteriskFolder.Length + 1)..]);
        AssertExist(named, "the dialplan or FastAgi:BusyPrompt");
    }

    [Fact]
    public void Every_prompt_the_touch_tone_flow_can_play_exists_in_every_language()
    {
        // Random walks through the pure flow: every menu answer, silence, wrong keys, too long readings, warnings,
        // store failures, closed windows, the accounts' shapes (zones, twin meters, places), in each language.
        var random = new Random(12);
        var named = new HashSet<string>(StringComparer.Ordinal);
        var outcomes = new HashSet<CallEnding>();
        for (var walk = 0; walk < 20_000; walk++)
        {
            var lang = CallLanguages.All[walk % CallLanguages.All.Count];
            var settings = new FlowSettings
            {
                Language = lang,
                CallerId = random.Next(2) == 0 ? "79990001234" : null,
                WindowOpen = random.Next(8) != 0,
                WindowFromDay = random.Next(1, 29),
                WindowToDay = random.Next(20, 32),
            };
            var account = Accounts[random.Next(Accounts.Length)];
            var state = ReadingsFlow.Initial(settings);
            FlowEvent next = new CallStarted();
            for (var step = 0; step < 80 && !state.IsEnded; step++)
            {
                var decision = ReadingsFlow.Decide(state, next);
                state = decision.State;
                FlowEvent? answer = null;
                foreach (var command in decision.Commands)
                {
                    answer = command switch
                    {
                        Play play => Named(named, play.Prompts, new PromptDone()),
                        Collect collect => Named(named, collect.Prompts, Input(random, collect)),
                        FindCallerAccount => new CallerAccountFound(random.Next(2) == 0 ? account.Number : null),
                        LookupAccount => random.Next(12) == 0 ? new StoreFailed() : new AccountLookedUp(random.Next(6) == 0 ? null : account),
                        StoreReading => random.Next(12) == 0 ? new StoreFailed() : new ReadingStored(),
                        _ => answer,
                    };
                }

                if (answer is null)
                {
                    break;
                }

                next = answer;
            }

            if (state.Outcome is { } outcome)
            {
                outcomes.Add(outcome);
            }
        }

        // The walks reached every ending, so they went everywhere a caller can go.
        Assert.Equal(Enum.GetValues<CallEnding>().Where(o => o != CallEnding.HungUp).Order(), outcomes.Order());
        foreach (var expected in new[] { "reading-jump", "reading-lower", "reading-too-long", "window-from-alt", "known-account-offer", "meter-number", "desc-toilet", "zone-semipeak" })
        {
            Assert.Contains(expected, named);
        }

        AssertExist(named, "the touch-tone flow");
    }

    private static readonly FlowAccount[] Accounts =
    [
        new("1234567",
        [
            new FlowMeter("1", FlowMeterKind.Electricity, null, 6, [new(FlowZone.Day, 6000, 300), new(FlowZone.Night, 2000, 100)]),
            new FlowMeter("2", FlowMeterKind.ColdWater, "кухня", 5, [new(FlowZone.Single, 100, 10)]),
            new FlowMeter("3", FlowMeterKind.ColdWater, "ванная", 5, [new(FlowZone.Single, 50, 10)]),
        ]),
        new("3456789",
        [
            new FlowMeter("4", FlowMeterKind.Electricity, null, 6, [new(FlowZone.Peak, 3120, null), new(FlowZone.SemiPeak, 5480, null), new(FlowZone.Night, 2210, null)]),
            new FlowMeter("5", FlowMeterKind.HotWater, "туалет", 5, [new(FlowZone.Single, 198, 5)]),
            new FlowMeter("6", FlowMeterKind.Gas, null, 5, [new(FlowZone.Single, 3481, 50)]),
            new FlowMeter("7", FlowMeterKind.Heat, null, 5, [new(FlowZone.Single, null, null)]),
        ]),
        new("6789012",
        [
            new FlowMeter("8", FlowMeterKind.HotWater, null, 5, [new(FlowZone.Single, 10, 5)]),
            new FlowMeter("9", FlowMeterKind.HotWater, null, 5, [new(FlowZone.Single, 20, 5)]),
        ]),
        new("5678901", []),
    ];

    private static readonly string[] Answers = ["1", "1", "1", "2", "2", "3", "0", "4", "9", "*", "", "1234567", "12", "6116", "6000", "100", "1999", "5", "99999999999", "0042"];

    private static FlowEvent Input(Random random, Collect collect) => random.Next(10) switch
    {
        0 => new InputTimedOut(),
        _ => new DigitsReceived(Answers[random.Next(collect.MaxDigits == 1 ? 11 : Answers.Length)]),
    };

    private static FlowEvent Named(HashSet<string> named, IEnumerable<string> prompts, FlowEvent answer)
    {
        named.UnionWith(prompts);
        return answer;
    }

    private static void AssertExist(IEnumerable<string> prompts, string where)
    {
        var problems = new List<string>();
        foreach (var id in prompts.Distinct())
        {
            if (!PromptCatalogue.Default.Contains(id))
            {
                problems.Add($"{id}: not in sounds/catalogue.json");
            }

            problems.AddRange(CallLanguages.All.Where(lang => !File.Exists(Path.Combine(Checkout.Sounds, lang, id + ".wav"))).Select(lang => $"sounds/{lang}/{id}.wav missing"));
        }

        Assert.True(problems.Count == 0, $"prompts named by {where}:\n" + string.Join('\n', problems));
    }

    [GeneratedRegex(@"ivr-readings/(?<id>[a-z0-9-]+)")]
    private static partial Regex DialplanPrompt();
}
