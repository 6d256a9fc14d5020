using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IvrReadings.CallFlow.Flow;
using IvrReadings.CallFlow.Prompts;
using IvrReadings.CallFlow.Voice;

namespace IvrReadings.CallFlow.Tests.Flow;

/// <summary>
/// FsCheck properties of both call flows under any caller: every script of keys (touch-tone) or of what the
/// recognizer heard (voice) ends the call, and a reading is stored only with the values the caller heard read back
/// and confirmed. The confirmation is checked from the outside, by what was said to the caller and what was answered,
/// not from the flow's own state.
/// </summary>
public sealed class FlowPropertyTests
{
    // Enough for the longest real call many times over; a flow still going after this many steps does not end.
    private const int MaxSteps = 5_000;

    // What callers press: the standard call's answers, wrong keys, silence, repeats, lower and jumping readings.
    private static readonly string[] Keys =
        ["1", "1", "1", "2", "2", "3", "0", "5", "9", "*", "#", "-", "-", "1234567#", "1234567#", "1111111#", "123#",
         "6116#", "2100#", "110#", "60#", "90#", "900#", "00110#", "123456#", "1234567890#", "#"];

    // What the recognizer hears (see VoiceHarness): sure figures, unsure, nothing, yes/no/unclear, no model, recorded,
    // no answer at all.
    private static readonly string[] Hearings =
        ["F1234567", "F1234567", "F6116", "F2100", "F110", "F60", "F0", "F999999999", "?", "?110", "_", "Y", "Y", "Y", "N", "U",
         "X", "R", "S"];

    [Property(MaxTest = 1_000)]
    public Property A_touch_tone_call_ends_and_stores_only_what_the_caller_confirmed() =>
        Prop.ForAll(Scripts(Keys, Some.StandardCall), Gen.Elements("ru", "uk", "en").ToArbitrary(), (keys, lang) =>
            RunTouchTone(keys, lang));

    [Property(MaxTest = 1_000)]
    public Property A_voice_call_ends_and_stores_only_what_the_caller_confirmed() =>
        Prop.ForAll(Scripts(Hearings, StandardVoiceCall), Gen.Elements("ru", "uk", "en").ToArbitrary(), (hearings, lang) =>
            RunVoice(hearings, lang));

    private static bool RunTouchTone(string[] keys, string lang)
    {
        var side = new FakeFlowSide();
        var tokens = new Queue<string>(keys);
        var oracle = new TouchToneOracle();
        var state = ReadingsFlow.Initial(Some.Settings(lang));
        FlowEvent next = new CallStarted();
        for (var steps = 0; ; steps++)
        {
            Assert.True(steps < MaxSteps, $"still going after {MaxSteps} steps: {string.Join(' ', keys)}");
            var decision = ReadingsFlow.Decide(state, next);
            state = decision.State;
            FlowEvent? answer = null;
            foreach (var command in decision.Commands)
            {
                if (command is StoreReading store)
                {
                    oracle.Stored(store.Reading, keys);
                }

                if (side.TryAnswer(command, lang, out var shared))
                {
                    answer = shared ?? answer;
                    continue;
                }

                answer = command switch
                {
                    Collect collect => oracle.Asked(collect, tokens.TryDequeue(out var token) ? token : null),
                    FindCallerAccount => new CallerAccountFound(null),
                    EndCall => null,
                    _ => throw new InvalidOperationException(command.ToString()),
                };
            }

            if (state.IsEnded)
            {
                return true;
            }

            next = answer ?? throw new InvalidOperationException($"no answer at {state.Step}");
        }
    }

    private static bool RunVoice(string[] hearings, string lang)
    {
        var side = new FakeFlowSide();
        var tokens = new Queue<string>(hearings);
        var oracle = new VoiceOracle();
        var state = VoiceFlow.Initial(new VoiceSettings { Language = lang });
        FlowEvent next = new CallStarted();
        long recordings = 0;
        for (var steps = 0; ; steps++)
        {
            Assert.True(steps < MaxSteps, $"still going after {MaxSteps} steps: {string.Join(' ', hearings)}");
            var decision = VoiceFlow.Decide(state, next);
            state = decision.State;
            FlowEvent? answer = null;
            foreach (var command in decision.Commands)
            {
                if (command is StoreReading store)
                {
                    oracle.Stored(store.Reading, hearings);
                }

                if (side.TryAnswer(command, lang, out var shared))
                {
                    answer = shared ?? answer;
                    continue;
                }

                answer = command switch
                {
                    Listen listen => oracle.Asked(listen, tokens.TryDequeue(out var token) ? Hear(token, ++recordings) : null),
                    StoreForReview or SettleRecordings or EndCall => answer,
                    _ => throw new InvalidOperationException(command.ToString()),
                };
            }

            if (state.IsEnded)
            {
                return true;
            }

            next = answer ?? throw new InvalidOperationException($"no answer at {state.Step}");
        }
    }

    private const string StandardVoiceCall = "F1234567 Y F6116 Y F2100 Y F110 Y F60 Y";

    /// <summary>Random tokens, or a standard call with tokens replaced, inserted and dropped at random.</summary>
    private static Arbitrary<string[]> Scripts(string[] tokens, string standard) =>
        Gen.OneOf(
                Gen.Elements(tokens).ArrayOf(),
                Gen.Choose(0, 5).Zip(Gen.Elements(tokens)).ArrayOf(standard.Split(' ').Length).Select(edits =>
                    standard.Split(' ').Zip(edits).SelectMany(pair => pair.Second.Item1 switch
                    {
                        0 => [pair.Second.Item2],
                        1 => [pair.Second.Item2, pair.First],
                        2 => Array.Empty<string>(),
                        _ => [pair.First],
                    }).ToArray()))
            .ToArbitrary();

    private static IvrReadings.CallFlow.Voice.Heard Hear(string token, long id) => token[0] switch
    {
        'F' => new Heard(id, HeardKind.Figure, token[1..]),
        '?' => new Heard(id, HeardKind.Unsure, token.Length > 1 ? token[1..] : null),
        '_' => new Heard(id, HeardKind.Nothing),
        'Y' => new Heard(id, HeardKind.Yes),
        'N' => new Heard(id, HeardKind.No),
        'U' => new Heard(id, HeardKind.Unclear),
        'X' => new Heard(id, HeardKind.Unavailable),
        'S' => new Heard(id, HeardKind.Silence),
        _ => new Heard(id, HeardKind.Recorded),
    };

    /// <summary>Numbers said as word prompts (<c>num-6</c>, <c>num-thousand-many</c>, ...), one per run of them.</summary>
    private static List<long> NumbersSaid(IEnumerable<string> prompts)
    {
        var numbers = new List<long>();
        long total = 0, group = 0;
        var inNumber = false;
        foreach (var id in prompts.Append("end"))
        {
            if (!id.StartsWith("num-", StringComparison.Ordinal))
            {
                if (inNumber)
                {
                    numbers.Add(total + group);
                }

                total = group = 0;
                inNumber = false;
                continue;
            }

            inNumber = true;
            var part = id["num-".Length..];
            long scale = part.StartsWith("thousand", StringComparison.Ordinal) ? 1000
                : part.StartsWith("million", StringComparison.Ordinal) ? 1_000_000
                : part.StartsWith("billion", StringComparison.Ordinal) ? 1_000_000_000
                : 0;
            if (scale > 0)
            {
                total += (group == 0 ? 1 : group) * scale;
                group = 0;
            }
            else
            {
                group += long.Parse(part.Replace("-f", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return numbers;
    }

    /// <summary>
    /// A reading may be stored only with exactly the values of its read-back ("reading-readback" ...
    /// "confirm-or-reenter"), answered 1; between the two only warnings about it may be asked (a wrong key or
    /// silence repeats a warning, 2 re-enters), and the last answer before the store is 1.
    /// </summary>
    private sealed class TouchToneOracle
    {
        private List<long>? _confirmed;
        private string? _lastAnswer;

        public FlowEvent Asked(Collect collect, string? token)
        {
            var isReadback = collect.Prompts.Contains("reading-readback");
            var isWarning = collect.Prompts.Contains("reading-lower") || collect.Prompts.Contains("reading-jump");
            var digits = token is null or "-" ? null : token.TrimEnd('#');
            if (isReadback)
            {
                var said = NumbersSaid(collect.Prompts.SkipWhile(p => p != "reading-readback"));
                _confirmed = digits == "1" ? said : null;
            }
            else if (!isWarning || digits == "2")
            {
                _confirmed = null;
            }

            _lastAnswer = digits;

            return token switch
            {
                null => new HungUp(),
                "-" => new InputTimedOut(),
                _ => new DigitsReceived(digits!),
            };
        }

        public void Stored(ConfirmedReading reading, string[] keys)
        {
            Assert.True(_confirmed is not null, $"stored {reading.Meter.MeterId} without a confirmed read-back: {string.Join(' ', keys)}");
            Assert.Equal(_confirmed, reading.Values);
            Assert.True(_lastAnswer == "1", $"stored {reading.Meter.MeterId} after '{_lastAnswer}', not 1: {string.Join(' ', keys)}");
            _confirmed = null;
        }
    }

    /// <summary>
    /// Each value of a stored reading must have been read back ("voice-heard" N "voice-yes-no") for that meter and
    /// zone and answered yes, after the meter's reading was last asked for.
    /// </summary>
    private sealed class VoiceOracle
    {
        private readonly Dictionary<(string? Meter, FlowZone? Zone), long> _confirmed = [];

        public FlowEvent Asked(Listen listen, FlowEvent? heard)
        {
            var key = (listen.Target.MeterId, listen.Target.Zone);
            if (listen.Step == VoiceFlow.ReadingStep)
            {
                _confirmed.Remove(key);
            }
            else if (listen.Step == VoiceFlow.ReadingConfirmStep && heard is Heard { Kind: HeardKind.Yes })
            {
                _confirmed[key] = NumbersSaid(listen.Prompts.SkipWhile(p => p != "voice-heard")).Single();
            }

            return heard ?? new HungUp();
        }

        public void Stored(ConfirmedReading reading, string[] hearings)
        {
            for (var i = 0; i < reading.Meter.Registers.Count; i++)
            {
                var key = (reading.Meter.MeterId, (FlowZone?)reading.Meter.Registers[i].Zone);
                Assert.True(_confirmed.TryGetValue(key, out var value), $"stored {key} unconfirmed: {string.Join(' ', hearings)}");
                Assert.Equal(value, reading.Values[i]);
                _confirmed.Remove(key);
            }
        }
    }
}
