using IvrReadings.CallFlow.Prompts;

namespace IvrReadings.CallFlow.Flow;

/// <summary>
/// The touch-tone readings flow as a pure function <c>(state, event) -> (state, commands)</c>. No I/O, no clock:
/// the runner executes the commands on the channel and the stores and feeds the results back.
/// </summary>
public static class ReadingsFlow
{
    private const int MenuDigits = 1;
    private const int EntryDigits = 20; // more than any account or meter: '#' ends the input, too long is reported

    public static FlowState Initial(FlowSettings settings) => new() { Settings = settings };

    public static FlowDecision Decide(FlowState state, FlowEvent @event)
    {
        if (state.IsEnded)
        {
            return new(state, []);
        }

        if (@event is HungUp)
        {
            return new(state with { Step = FlowStep.Ended, Outcome = CallOutcome.HungUp, LastStep = state.Step }, []);
        }

        if (state.Repeat is { } repeat)
        {
            switch (@event)
            {
                case InputTimedOut:
                    return Missed(state, [], silent: true);
                case DigitsReceived { Digits: var d } when d.Contains('*'):
                    return new(state, [repeat]);
                case DigitsReceived { Digits: "0" } when repeat.MaxDigits == MenuDigits:
                    return Operator(state, []);
                case DigitsReceived { Digits: "" }:
                    return Missed(state, []);
            }
        }

        return (state.Step, @event) switch
        {
            (FlowStep.Start, CallStarted) => Start(state),
            (FlowStep.ClosedMessage, PromptDone) => End(state, CallOutcome.OutsideWindow, "closed"),
            (FlowStep.MainMenu, DigitsReceived d) => MainMenu(state, d.Digits),
            (FlowStep.FindingCallerAccount, CallerAccountFound found) => OfferKnownAccount(state, found.AccountNumber),
            (FlowStep.KnownAccountOffer, DigitsReceived d) => KnownAccountChoice(state, d.Digits),
            (FlowStep.AccountEntry, DigitsReceived d) => AccountKeyed(state, d.Digits),
            (FlowStep.LookingUpAccount, AccountLookedUp found) => AccountFound(state, found.Account),
            (FlowStep.ConfirmAccount, DigitsReceived d) => ConfirmAccount(state, d.Digits),
            (FlowStep.MeterMenu, DigitsReceived d) => MeterChosen(state, d.Digits),
            (FlowStep.MeterSubMenu, DigitsReceived d) => SubMeterChosen(state, d.Digits),
            (FlowStep.ReadingEntry, DigitsReceived d) => ReadingKeyed(state, d.Digits),
            (FlowStep.ConfirmReading, DigitsReceived d) => ConfirmReading(state, d.Digits),
            (FlowStep.ReadingWarning, DigitsReceived d) => ConfirmWarning(state, d.Digits),
            (FlowStep.Storing, ReadingStored) => Stored(state),
            (FlowStep.NextOrFinish, DigitsReceived d) => NextOrFinish(state, d.Digits),
            (FlowStep.Summary, PromptDone) => End(state, CallOutcome.Completed, "done"),
            (FlowStep.Transferring, PromptDone) => End(state, CallOutcome.Operator, "operator"),
            (FlowStep.TechnicalProblem, PromptDone) => End(state, CallOutcome.TechnicalProblem, "failed"),
            (_, StoreFailed) => TechnicalProblem(state),
            _ => throw new InvalidOperationException($"Event {@event} is not expected at step {state.Step}."),
        };
    }

    // ---- start and main menu ----

    private static FlowDecision Start(FlowState state)
    {
        var s = state.Settings;
        if (!s.WindowOpen)
        {
            string[] from = [s.WindowFromDay == 2 && s.Language == CallLanguages.Russian ? "window-from-alt" : "window-from"];
            var prompts = new List<string> { "welcome" };
            prompts.AddRange(from);
            prompts.AddRange(NumberSpeaker.DayFrom(s.WindowFromDay));
            prompts.Add("window-to");
            prompts.AddRange(NumberSpeaker.DayTo(s.WindowToDay));
            prompts.AddRange(["window-end", "goodbye"]);
            return new(state with { Step = FlowStep.ClosedMessage, Repeat = null }, [new Play(prompts)]);
        }

        return Ask(state, FlowStep.MainMenu, ["welcome", "tone-hint"], ["main-menu"], MenuDigits);
    }

    private static FlowDecision MainMenu(FlowState state, string digits)
    {
        if (digits != "2")
        {
            return Invalid(state);
        }

        return state.Settings.CallerId is { Length: > 0 } callerId
            ? new(state with { Step = FlowStep.FindingCallerAccount, Repeat = null, Misses = 0 }, [new FindCallerAccount(callerId)])
            : AskAccount(state, []);
    }

    // ---- account ----

    private static FlowDecision OfferKnownAccount(FlowState state, string? account)
    {
        if (string.IsNullOrEmpty(account))
        {
            return AskAccount(state, []);
        }

        var prompts = new List<string> { "known-account-offer" };
        prompts.AddRange(NumberSpeaker.Digits(account));
        prompts.Add("known-account-choice");
        return Ask(state with { CallerAccount = account }, FlowStep.KnownAccountOffer, [], prompts, MenuDigits);
    }

    private static FlowDecision KnownAccountChoice(FlowState state, string digits) => digits switch
    {
        "1" => Lookup(state with { AccountFromCaller = true, KeyedAccount = state.CallerAccount }, state.CallerAccount!),
        "2" => AskAccount(state, []),
        _ => Invalid(state),
    };

    private static FlowDecision AskAccount(FlowState state, IReadOnlyList<string> prefix) =>
        Ask(state with { AccountFromCaller = false }, FlowStep.AccountEntry, prefix, ["account-enter"], EntryDigits);

    private static FlowDecision AccountKeyed(FlowState state, string digits)
    {
        var s = state.Settings;
        if (digits.Length < s.AccountMinLength || digits.Length > s.AccountMaxLength || !digits.All(char.IsAsciiDigit))
        {
            return AccountMiss(state, "account-wrong-length");
        }

        return Lookup(state with { KeyedAccount = digits }, digits);
    }

    private static FlowDecision Lookup(FlowState state, string account) =>
        new(state with { Step = FlowStep.LookingUpAccount, Repeat = null, Misses = 0 }, [new LookupAccount(account)]);

    private static FlowDecision AccountFound(FlowState state, FlowAccount? account)
    {
        if (account is null)
        {
            return AccountMiss(state with { AccountFromCaller = false }, "account-not-found");
        }

        state = state with { Account = account };
        if (account.Meters.Count == 0)
        {
            return Operator(state, ["account-no-meters"]);
        }

        if (state.AccountFromCaller)
        {
            return MeterMenu(state, []);
        }

        var prompts = new List<string> { "account-readback" };
        prompts.AddRange(NumberSpeaker.Digits(account.Number));
        prompts.Add("confirm-or-reenter");
        return Ask(state, FlowStep.ConfirmAccount, [], prompts, MenuDigits);
    }

    private static FlowDecision AccountMiss(FlowState state, string why)
    {
        var tries = state.AccountTries + 1;
        state = state with { AccountTries = tries };
        return tries >= state.Settings.MaxTries
            ? Operator(state, [why, "account-failed"])
            : AskAccount(state, [why]);
    }

    private static FlowDecision ConfirmAccount(FlowState state, string digits) => digits switch
    {
        "1" => MeterMenu(state, []),
        "2" => AskAccount(state with { Account = null }, []),
        _ => Invalid(state),
    };

    // ---- meters ----

    private static IReadOnlyList<FlowMeterKind> Kinds(FlowState state) =>
        state.Account!.Meters.Select(m => m.Kind).Distinct().Order().ToArray();

    private static IReadOnlyList<FlowMeter> MetersOf(FlowState state, FlowMeterKind kind) =>
        state.Account!.Meters.Where(m => m.Kind == kind).ToArray();

    private static bool IsDone(FlowState state, FlowMeter meter) =>
        state.Accepted.Any(r => r.Meter.MeterId == meter.MeterId);

    private static FlowDecision MeterMenu(FlowState state, IReadOnlyList<string> prefix)
    {
        var prompts = new List<string>();
        var kinds = Kinds(state);
        for (var i = 0; i < kinds.Count; i++)
        {
            var meters = MetersOf(state, kinds[i]);
            prompts.Add(KindPrompt(kinds[i]));
            if (meters.Count == 1 && DescriptionPrompt(meters[0].Description) is { } description)
            {
                prompts.Add(description);
            }

            if (meters.All(m => IsDone(state, m)))
            {
                prompts.Add("meter-done");
            }

            prompts.Add(Choice(i + 1));
        }

        return Ask(state with { Kind = null, Meter = null }, FlowStep.MeterMenu, prefix, prompts, MenuDigits);
    }

    private static FlowDecision MeterChosen(FlowState state, string digits)
    {
        var kinds = Kinds(state);
        if (!TryChoice(digits, kinds.Count, out var index))
        {
            return Invalid(state);
        }

        var kind = kinds[index];
        var meters = MetersOf(state, kind);
        if (meters.Count == 1)
        {
            return StartReading(state with { Kind = kind }, meters[0]);
        }

        var prompts = new List<string> { KindPrompt(kind) };
        for (var j = 0; j < meters.Count; j++)
        {
            if (DescriptionPrompt(meters[j].Description) is { } description)
            {
                prompts.Add(description);
            }
            else
            {
                prompts.AddRange(["meter-number", .. NumberSpeaker.Number(j + 1, state.Settings.Language)]);
            }

            if (IsDone(state, meters[j]))
            {
                prompts.Add("meter-done");
            }

            prompts.Add(Choice(j + 1));
        }

        return Ask(state with { Kind = kind }, FlowStep.MeterSubMenu, [], prompts, MenuDigits);
    }

    private static FlowDecision SubMeterChosen(FlowState state, string digits)
    {
        var meters = MetersOf(state, state.Kind!.Value);
        return TryChoice(digits, meters.Count, out var index) ? StartReading(state, meters[index]) : Invalid(state);
    }

    // ---- reading ----

    private static FlowDecision StartReading(FlowState state, FlowMeter meter) =>
        AskRegister(state with { Meter = meter, Values = [], Warnings = [], WarningIndex = 0 }, []);

    private static FlowDecision AskRegister(FlowState state, IReadOnlyList<string> prefix)
    {
        var meter = state.Meter!;
        var zone = meter.IsMultiZone ? new[] { ZonePrompt(meter.Registers[state.Values.Count].Zone) } : [];
        var full = zone.Append("reading-enter").ToArray();
        var first = state.LongReadingPromptPlayed ? zone.Append("reading-enter-short").ToArray() : full;
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

        state = state with { Values = state.Values.Add(significant.Length == 0 ? 0 : long.Parse(significant)) };
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

                state = state with { Warnings = [.. warnings], WarningIndex = 0 };
                return warnings.Count == 0 ? Store(state) : AskWarning(state);
            case "2":
                return StartReading(state, state.Meter!);
            default:
                return Invalid(state);
        }
    }

    private static FlowDecision AskWarning(FlowState state)
    {
        var meter = state.Meter!;
        var warning = state.Warnings[state.WarningIndex];
        var prompts = new List<string>();
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

        prompts.Add("confirm-or-reenter");
        return Ask(state, FlowStep.ReadingWarning, [], prompts, MenuDigits);
    }

    private static FlowDecision ConfirmWarning(FlowState state, string digits)
    {
        switch (digits)
        {
            case "1":
                var next = state with { WarningIndex = state.WarningIndex + 1 };
                return next.WarningIndex < next.Warnings.Count ? AskWarning(next) : Store(next);
            case "2":
                return StartReading(state, state.Meter!);
            default:
                return Invalid(state);
        }
    }

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
    /// "Another meter: 1, finish: 2". While meters are left unread, 1 goes straight to the next one (named here),
    /// which saves the caller two menus per meter; 3 opens the list.
    /// </summary>
    private static FlowDecision AskNext(FlowState state, IReadOnlyList<string> prefix)
    {
        if (NextUnread(state) is not { } next)
        {
            return Ask(state, FlowStep.NextOrFinish, prefix, ["next-or-finish"], MenuDigits);
        }

        var prompts = new List<string> { "next-meter" };
        prompts.AddRange(MeterName(state, next));
        prompts.Add("next-guided");
        return Ask(state, FlowStep.NextOrFinish, prefix, prompts, MenuDigits);
    }

    private static FlowMeter? NextUnread(FlowState state) =>
        Kinds(state).SelectMany(kind => MetersOf(state, kind)).FirstOrDefault(m => !IsDone(state, m));

    /// <summary>"холодная вода, кухня" / "холодная вода, счётчик номер два" / "газ".</summary>
    private static IReadOnlyList<string> MeterName(FlowState state, FlowMeter meter)
    {
        var name = new List<string> { KindPrompt(meter.Kind) };
        var siblings = MetersOf(state, meter.Kind);
        if (DescriptionPrompt(meter.Description) is { } description)
        {
            name.Add(description);
        }
        else if (siblings.Count > 1)
        {
            name.Add("meter-number");
            name.AddRange(NumberSpeaker.Number(IndexOf(siblings, meter) + 1, state.Settings.Language));
        }

        return name;
    }

    private static int IndexOf(IReadOnlyList<FlowMeter> meters, FlowMeter meter)
    {
        for (var i = 0; i < meters.Count; i++)
        {
            if (meters[i].MeterId == meter.MeterId)
            {
                return i;
            }
        }

        return -1;
    }

    private static FlowDecision NextOrFinish(FlowState state, string digits)
    {
        var next = NextUnread(state);
        return digits switch
        {
            "1" when next is not null => StartReading(state with { Kind = next.Kind }, next),
            "1" => MeterMenu(state, []),
            "2" => Summary(state),
            "3" when next is not null => MeterMenu(state, []),
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
            // The values were each read back and confirmed; the summary names what was accepted.
            foreach (var reading in state.Accepted)
            {
                prompts.AddRange(MeterName(state, reading.Meter));
            }
        }

        prompts.Add("goodbye");
        return new(state with { Step = FlowStep.Summary, Repeat = null }, [new Play(prompts)]);
    }

    // ---- endings ----

    private static FlowDecision Operator(FlowState state, IReadOnlyList<string> prefix) =>
        new(state with { Step = FlowStep.Transferring, Repeat = null }, [new Play([.. prefix, "operator-connect"])]);

    private static FlowDecision TechnicalProblem(FlowState state) =>
        new(state with { Step = FlowStep.TechnicalProblem, Repeat = null, Pending = null }, [new Play(["technical-problem"])]);

    private static FlowDecision End(FlowState state, CallOutcome outcome, string result) =>
        new(
            state with { Step = FlowStep.Ended, Outcome = outcome, LastStep = state.Step },
            [new SetVariable(state.Settings.ResultVariable, result), new EndCall(outcome)]);

    // ---- asking ----

    /// <summary>Enters a step that waits for keys; <paramref name="repeat"/> is what '*' and silence play again.</summary>
    private static FlowDecision Ask(
        FlowState state, FlowStep step, IReadOnlyList<string> prefix, IReadOnlyList<string> repeat, int maxDigits,
        IReadOnlyList<string>? first = null)
    {
        var timeout = state.Settings.InputTimeoutMs;
        var collect = new Collect([.. prefix, .. first ?? repeat], maxDigits, timeout);
        var again = new Collect(repeat, maxDigits, timeout);
        var misses = step == state.Step ? state.Misses : 0;
        return new(state with { Step = step, Repeat = again, Misses = misses }, [collect]);
    }

    private static FlowDecision Missed(FlowState state, IReadOnlyList<string> prefix, bool silent = false)
    {
        var misses = state.Misses + 1;
        var silentMenus = state.SilentMenus + (silent && state.Step == FlowStep.MainMenu ? 1 : 0);
        state = state with { Misses = misses, SilentMenus = silentMenus };
        var s = state.Settings;
        if (silent && state.Step == FlowStep.MainMenu && s.SilentMenusBeforeVoice > 0 && silentMenus >= s.SilentMenusBeforeVoice)
        {
            return new(
                state with { Step = FlowStep.Ended, Outcome = CallOutcome.Voice, LastStep = state.Step, Repeat = null },
                [new SetVariable(s.ResultVariable, "voice"), new EndCall(CallOutcome.Voice)]);
        }

        if (misses >= s.MaxTries)
        {
            return Operator(state, []);
        }

        var repeat = state.Repeat!;
        return new(state, [repeat with { Prompts = [.. prefix, .. repeat.Prompts] }]);
    }

    private static FlowDecision Invalid(FlowState state) => Missed(state, ["invalid-choice"]);

    /// <summary>A menu choice is said as the bare digit word: "электроэнергия один, холодная вода два".</summary>
    private static string Choice(int digit) => $"num-{digit}";

    private static bool TryChoice(string digits, int count, out int index)
    {
        index = digits.Length == 1 && char.IsAsciiDigit(digits[0]) ? digits[0] - '1' : -1;
        return index >= 0 && index < count;
    }

    // ---- words ----

    public static string KindPrompt(FlowMeterKind kind) => kind switch
    {
        FlowMeterKind.Electricity => "kind-electricity",
        FlowMeterKind.Gas => "kind-gas",
        FlowMeterKind.ColdWater => "kind-cold-water",
        FlowMeterKind.HotWater => "kind-hot-water",
        _ => "kind-heat",
    };

    public static string ZonePrompt(FlowZone zone) => zone switch
    {
        FlowZone.Day => "zone-day",
        FlowZone.Night => "zone-night",
        FlowZone.Peak => "zone-peak",
        FlowZone.SemiPeak => "zone-semipeak",
        _ => "zone-day",
    };

    /// <summary>A meter's free-text description ("Кухня", "bathroom") as a prompt, when we have a word for it.</summary>
    public static string? DescriptionPrompt(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return null;
        }

        var d = description.ToLowerInvariant();
        if (d.Contains("кух") || d.Contains("kitchen"))
        {
            return "desc-kitchen";
        }

        if (d.Contains("ванн") || d.Contains("bath"))
        {
            return "desc-bathroom";
        }

        return d.Contains("туалет") || d.Contains("toilet") || d.Contains("сануз") ? "desc-toilet" : null;
    }
}
