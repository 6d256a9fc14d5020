using System.Globalization;
using IvrReadings.CallFlow.Prompts;

namespace IvrReadings.CallFlow.Flow;

/// <summary>The readings flow: reading.</summary>
public static partial class ReadingsFlow
{
    /// <param name="name">The meter's name where the caller did not choose the meter (the last one left, offered without a
    /// menu): said before its question and again when it is repeated, which also says that '#' alone finishes.</param>
    private static FlowDecision StartReading(FlowState state, FlowMeter meter, IReadOnlyList<string>? prefix = null,
        IReadOnlyList<string>? name = null) =>
        AskRegister(state with { Meter = meter, Values = [], Warnings = [], MeterOffered = name is { Count: > 0 } }, prefix ?? [], name ?? []);

    private static FlowDecision AskRegister(FlowState state, IReadOnlyList<string> prefix, IReadOnlyList<string>? name = null)
    {
        var meter = state.Meter!;
        name ??= [];
        string[] zone = meter.IsMultiZone ? [.. name, ZonePrompt(meter.Registers[state.Values.Count].Zone)] : [.. name];
        string[] full = name.Count > 0 ? [.. zone, "reading-enter", "reading-skip"] : [.. zone, "reading-enter"];
        // The next zone of the same meter: its name alone is the question (the caller has just keyed the first);
        // silence or '*' still repeats the whole instruction.
        var first = state.Values.Count > 0 ? zone
            : state.LongReadingPromptPlayed ? zone.Append("reading-enter-short").ToArray() : full;
        return Ask(state with { LongReadingPromptPlayed = true }, FlowStep.ReadingEntry, prefix, full, EntryDigits, first);
    }

    private static FlowDecision ReadingKeyed(FlowState state, string digits)
    {
        var meter = state.Meter!;
        var significant = digits.TrimStart('0');
        if (!digits.All(char.IsAsciiDigit))
        {
            return Invalid(state);
        }

        if (significant.Length > meter.Capacity)
        {
            var lang = state.Settings.Language;
            var prefix = new List<string> { "reading-too-long" };
            prefix.AddRange(NumberSpeaker.Number(meter.Capacity, lang, GrammaticalGender.Feminine));
            prefix.Add($"digits-{NumberSpeaker.Form(meter.Capacity, lang).ToString().ToLowerInvariant()}");
            return AskRegister(state with { Misses = 0 }, prefix);
        }

        state = state with { Values = state.Values.Add(significant.Length == 0 ? 0 : long.Parse(significant, CultureInfo.InvariantCulture)), Misses = 0 };
        if (state.Values.Count < meter.Registers.Count)
        {
            return AskRegister(state, []);
        }

        var prompts = new List<string> { "reading-readback" };
        for (var i = 0; i < meter.Registers.Count; i++)
        {
            if (meter.IsMultiZone)
            {
                prompts.Add(ZonePrompt(meter.Registers[i].Zone));
            }

            prompts.AddRange(NumberSpeaker.Number(state.Values[i], state.Settings.Language));
        }

        prompts.Add("confirm-or-reenter");
        return Ask(state, FlowStep.ConfirmReading, [], prompts, MenuDigits);
    }

    private static FlowDecision ConfirmReading(FlowState state, string digits)
    {
        switch (digits)
        {
            case "1":
                var meter = state.Meter!;
                var warnings = new List<ReadingWarning>();
                for (var i = 0; i < meter.Registers.Count; i++)
                {
                    var register = meter.Registers[i];
                    if (register.Previous is not { } previous)
                    {
                        continue;
                    }

                    if (state.Values[i] < previous)
                    {
                        warnings.Add(new(i, ReadingWarningKind.Lower));
                    }
                    else if (register.MaxIncrease is { } max && state.Values[i] - previous > max)
                    {
                        warnings.Add(new(i, ReadingWarningKind.Jump));
                    }
                }

                state = state with { Warnings = [.. warnings] };
                return warnings.Count == 0 ? Store(state) : AskWarning(state);
            case "2":
                return StartReading(state, state.Meter!);
            default:
                return Invalid(state);
        }
    }

    /// <summary>Every warning of the meter's zones in one question, so a two-zone meter is confirmed once.</summary>
    private static FlowDecision AskWarning(FlowState state)
    {
        var meter = state.Meter!;
        var prompts = new List<string>();
        foreach (var warning in state.Warnings)
        {
            if (meter.IsMultiZone)
            {
                prompts.Add(ZonePrompt(meter.Registers[warning.Register].Zone));
            }

            if (warning.Kind == ReadingWarningKind.Lower)
            {
                prompts.Add("reading-lower");
                prompts.AddRange(NumberSpeaker.Number(meter.Registers[warning.Register].Previous!.Value, state.Settings.Language));
            }
            else
            {
                prompts.Add("reading-jump");
            }
        }

        prompts.Add("confirm-or-reenter");
        return Ask(state, FlowStep.ReadingWarning, [], prompts, MenuDigits);
    }

    private static FlowDecision ConfirmWarning(FlowState state, string digits) => digits switch
    {
        "1" => Store(state),
        "2" => StartReading(state, state.Meter!),
        _ => Invalid(state),
    };

    private static FlowDecision Store(FlowState state)
    {
        var reading = new ConfirmedReading(
            state.Account!.Number,
            state.Meter!,
            state.Values,
            state.Warnings.Any(w => w.Kind == ReadingWarningKind.Lower),
            state.Warnings.Any(w => w.Kind == ReadingWarningKind.Jump));
        return new(state with { Step = FlowStep.Storing, Repeat = null, Misses = 0, Pending = reading }, [new StoreReading(reading)]);
    }

    private static FlowDecision Stored(FlowState state)
    {
        var reading = state.Pending!;
        var accepted = state.Accepted.RemoveAll(r => r.Meter.MeterId == reading.Meter.MeterId).Add(reading);
        state = state with { Accepted = accepted, Pending = null };
        return AskNext(state, ["reading-accepted"]);
    }

    /// <summary>
    /// What follows a stored reading, with no menu the caller does not need: every meter read, the summary (which names
    /// what was accepted, this meter too); one meter left, straight to it, named; more, "Next: &lt;meter&gt; one, another
    /// meter three, finish two", where 1 goes straight to the next unread meter (two menus saved per meter).
    /// </summary>
    private static FlowDecision AskNext(FlowState state, IReadOnlyList<string> prefix)
    {
        var unread = Unread(state).Take(2).ToList();
        if (unread.Count == 0)
        {
            return Summary(state);
        }

        var next = unread[0];
        if (unread.Count == 1)
        {
            return StartReading(state with { Kind = next.Kind }, next, prefix, MeterName(state, next));
        }

        var prompts = new List<string> { "next-meter" };
        prompts.AddRange(MeterName(state, next));
        prompts.Add("next-guided");
        return Ask(state, FlowStep.NextOrFinish, prefix, prompts, MenuDigits);
    }

    private static FlowMeter? NextUnread(FlowState state) => Unread(state).FirstOrDefault();

    private static IEnumerable<FlowMeter> Unread(FlowState state) =>
        Kinds(state).SelectMany(kind => MetersOf(state, kind)).Where(m => !IsDone(state, m));

    private static IReadOnlyList<string> MeterName(FlowState state, FlowMeter meter) =>
        MeterName(state.Account!.Meters, meter, state.Settings.Language);

    private static FlowDecision NextOrFinish(FlowState state, string digits)
    {
        // Offered only while two or more meters are unread (AskNext).
        var next = NextUnread(state)!;
        return digits switch
        {
            "1" => StartReading(state with { Kind = next.Kind }, next),
            "2" => Summary(state),
            "3" => MeterMenu(state, []),
            _ => Invalid(state),
        };
    }

    private static FlowDecision Summary(FlowState state)
    {
        var prompts = new List<string>();
        if (state.Accepted.IsEmpty)
        {
            prompts.Add("summary-none");
        }
        else
        {
            prompts.Add("summary-intro");
            // The values were each read back and confirmed; the summary names what was accepted, each kind once:
            // "электроэнергия, холодная вода кухня, ванная".
            var meters = state.Accepted.Select(r => r.Meter).ToList();
            foreach (var kind in meters.Select(m => m.Kind).Distinct())
            {
                var first = true;
                foreach (var meter in meters.Where(m => m.Kind == kind))
                {
                    var name = MeterName(state, meter);
                    prompts.AddRange(first ? name : name.Skip(1));
                    first = false;
                }
            }
        }

        prompts.Add("goodbye");
        return new(state with { Step = FlowStep.Summary, Repeat = null }, [new Play(prompts)]);
    }
}
