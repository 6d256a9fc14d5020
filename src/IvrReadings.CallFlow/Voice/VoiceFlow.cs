using IvrReadings.CallFlow.Flow;
using IvrReadings.CallFlow.Prompts;

namespace IvrReadings.CallFlow.Voice;

/// <summary>
/// The spoken readings flow (callers who cannot send tones) as a pure function <c>(state, event) -> (state, commands)</c>.
/// Account, then meter by meter and zone by zone: listen, read the figure back, "yes or no". Only a figure the
/// recognizer is sure of, that fits the meter and that the caller confirmed is stored; everything else stays with its
/// recordings for staff, and the caller is told which is which.
/// </summary>
public static class VoiceFlow
{
    public const string AccountStep = "account";
    public const string AccountConfirmStep = "confirm-account";
    public const string ReadingStep = "reading";
    public const string ReadingConfirmStep = "confirm-reading";
    public const string FreeStep = "readings";

    public static VoiceState Initial(VoiceSettings settings) => new() { Settings = settings };

    public static VoiceDecision Decide(VoiceState state, FlowEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.IsEnded)
        {
            return new(state, []);
        }

        if (@event is HungUp or Interrupted)
        {
            // What the machine has of the meter in progress stays for staff (the runner stores it after the hangup). The
            // server cutting the call (its shutdown grace or the call time limit: Interrupted) is a technical problem,
            // not the caller's hangup; the runner tells the caller.
            var review = state.Step is VoiceStep.ReadingListen or VoiceStep.ReadingConfirm ? ForReview(state) : null;
            var outcome = @event is Interrupted ? CallEnding.TechnicalProblem : CallEnding.HungUp;
            return new(state with { Step = VoiceStep.Ended, Outcome = outcome, LastStep = state.Step }, review is null ? [] : [review]);
        }

        if (@event is Heard heard)
        {
            if (heard.Kind == HeardKind.Silence)
            {
                // Kept as no answer: nothing to settle, nothing for staff.
                return NoAnswer(state);
            }

            state = state with { ItemRecordings = state.ItemRecordings.Add(heard.RecordingId), Silences = 0 };
        }

        return (state.Step, @event) switch
        {
            (VoiceStep.Start, CallStarted) => Start(state),
            (VoiceStep.ClosedMessage, PromptDone) => End(state, CallEnding.OutsideWindow, "closed"),
            (VoiceStep.AccountListen, Heard h) => AccountHeard(state, h),
            (VoiceStep.LookingUpAccount, AccountLookedUp found) => AccountFound(state, found.Account),
            (VoiceStep.AccountConfirm, Heard h) => AccountConfirmed(state, h),
            (VoiceStep.ReadingListen, Heard h) => ReadingHeard(state, h),
            (VoiceStep.ReadingConfirm, Heard h) => ReadingConfirmed(state, h),
            (VoiceStep.Storing, ReadingStored) => Stored(state),
            (VoiceStep.FreeListen, Heard) => Summary(state with { AllToStaff = true }, []),
            (VoiceStep.Summary, PromptDone) => End(state, CallEnding.Completed, "done"),
            (VoiceStep.Transferring, PromptDone) => End(state, CallEnding.Operator, "operator"),
            (VoiceStep.TechnicalProblem, PromptDone) => End(state, CallEnding.TechnicalProblem, "failed"),
            (_, StoreFailed) => new(state with { Step = VoiceStep.TechnicalProblem, Pending = null }, [new Play(["technical-problem"])]),
            _ => throw new InvalidOperationException($"Event {@event} is not expected at voice step {state.Step}."),
        };
    }

    // ---- start ----

    private static VoiceDecision Start(VoiceState state)
    {
        var s = state.Settings;
        if (!s.WindowOpen)
        {
            string[] from = [s.WindowFromDay == 2 && s.Language == CallLanguages.Russian ? "window-from-alt" : "window-from"];
            List<string> prompts = ["welcome", .. from, .. NumberSpeaker.DayFrom(s.WindowFromDay), "window-to", .. NumberSpeaker.DayTo(s.WindowToDay), "window-end", "goodbye"];
            return new(state with { Step = VoiceStep.ClosedMessage }, [new Play(prompts)]);
        }

        return ListenAccount(state, ["voice-intro"]);
    }

    // ---- account ----

    private static VoiceDecision ListenAccount(VoiceState state, IReadOnlyList<string> prefix) =>
        new(state with { Step = VoiceStep.AccountListen, ConfirmMisses = 0, HeardDigits = null },
            [new Listen(AccountStep, ListenKind.Account, [.. prefix, "voice-account"], new ListenTarget(null))]);

    private static VoiceDecision AccountHeard(VoiceState state, Heard heard) => heard.Kind switch
    {
        HeardKind.Figure when heard.Digits is { Length: > 0 } digits =>
            new(state with { Step = VoiceStep.LookingUpAccount, HeardDigits = digits }, [new LookupAccount(digits)]),
        HeardKind.Unavailable => Free(state with { RecognitionUnavailable = true }, ["voice-no-model"]),
        _ => AccountRetry(state, ["voice-not-understood"]),
    };

    private static VoiceDecision AccountRetry(VoiceState state, IReadOnlyList<string> why)
    {
        var tries = state.Tries + 1;
        state = state with { Tries = tries, Account = null };
        return tries >= state.Settings.MaxTries
            ? Free(state, [.. why, "voice-account-staff"])
            : ListenAccount(state, [.. why, "voice-say-again"]);
    }

    private static VoiceDecision AccountFound(VoiceState state, FlowAccount? account)
    {
        if (account is null)
        {
            return AccountRetry(state, ["account-not-found"]);
        }

        state = state with { Account = account };
        return AskAccountConfirmation(state, []);
    }

    private static VoiceDecision AskAccountConfirmation(VoiceState state, IReadOnlyList<string> prefix)
    {
        List<string> prompts = [.. prefix, "voice-account-readback", .. NumberSpeaker.Digits(state.Account!.Number), "voice-yes-no"];
        return new(state with { Step = VoiceStep.AccountConfirm },
            [new Listen(AccountConfirmStep, ListenKind.YesNo, prompts, new ListenTarget(state.Account.Number))]);
    }

    private static VoiceDecision AccountConfirmed(VoiceState state, Heard heard)
    {
        switch (heard.Kind)
        {
            case HeardKind.Yes:
                var meters = state.Account!.Meters.OrderBy(m => m.Kind).ToList();
                var settle = new SettleRecordings([.. state.ItemRecordings]);
                state = state with { Meters = [.. meters], ItemRecordings = [], Tries = 0, ConfirmMisses = 0 };
                if (meters.Count == 0)
                {
                    // Staff can still take the readings from the recording.
                    return Prepend(settle, Free(state, ["account-no-meters"]));
                }

                return Prepend(settle, StartMeter(state, 0, []));
            case HeardKind.No:
                return AccountRetry(state, []);
            case HeardKind.Unavailable:
                return Free(state with { RecognitionUnavailable = true }, ["voice-no-model"]);
            default:
                var misses = state.ConfirmMisses + 1;
                return misses >= state.Settings.MaxTries
                    ? AccountRetry(state with { ConfirmMisses = 0 }, ["voice-not-understood"])
                    : AskAccountConfirmation(state with { ConfirmMisses = misses }, ["voice-not-understood"]);
        }
    }

    // ---- meters ----

    private static VoiceDecision StartMeter(VoiceState state, int index, IReadOnlyList<string> prefix)
    {
        state = state with { MeterIndex = index, Values = [], Tries = 0, ConfirmMisses = 0, ItemRecordings = [], HeardDigits = null, Guess = null };
        return state.Meter is null ? Summary(state, prefix) : ListenReading(state, prefix);
    }

    private static VoiceDecision ListenReading(VoiceState state, IReadOnlyList<string> prefix)
    {
        var meter = state.Meter!;
        var register = meter.Registers[state.Values.Count];
        List<string> prompts = [.. prefix, .. MeterName(state, meter)];
        if (meter.IsMultiZone)
        {
            prompts.Add(ReadingsFlow.ZonePrompt(register.Zone));
        }

        prompts.Add("voice-reading");
        return new(state with { Step = VoiceStep.ReadingListen, ConfirmMisses = 0, HeardDigits = null },
            [new Listen(ReadingStep, ListenKind.Reading, prompts, Target(state))]);
    }

    private static ListenTarget Target(VoiceState state)
    {
        var meter = state.Meter!;
        var register = meter.Registers[state.Values.Count];
        long? max = register.Previous is { } previous && register.MaxIncrease is { } rise ? previous + rise : null;
        return new ListenTarget(state.Account!.Number, meter.MeterId, register.Zone, meter.Capacity, register.Previous, max);
    }

    private static VoiceDecision ReadingHeard(VoiceState state, Heard heard)
    {
        // A figure (sure, or the best of an unsure hearing) is kept as the zone's guess for staff.
        if (heard.Kind is HeardKind.Figure or HeardKind.Unsure && Figure(heard.Digits) is { } guess)
        {
            state = state with { Guess = guess };
        }

        return heard.Kind switch
        {
            HeardKind.Figure when Figure(heard.Digits) is not null => AskReadingConfirmation(state with { HeardDigits = heard.Digits }, []),
            HeardKind.Unavailable => ToStaff(state with { RecognitionUnavailable = true }, []),
            _ => ReadingRetry(state, ["voice-not-understood"]),
        };
    }

    private static long? Figure(string? digits) =>
        digits is { Length: > 0 and <= 18 } && digits.All(char.IsAsciiDigit) ? long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) : null;

    private static VoiceDecision AskReadingConfirmation(VoiceState state, IReadOnlyList<string> prefix)
    {
        var value = long.Parse(state.HeardDigits!, System.Globalization.CultureInfo.InvariantCulture);
        List<string> prompts = [.. prefix, "voice-heard", .. NumberSpeaker.Number(value, state.Settings.Language), "voice-yes-no"];
        return new(state with { Step = VoiceStep.ReadingConfirm }, [new Listen(ReadingConfirmStep, ListenKind.YesNo, prompts, Target(state))]);
    }

    private static VoiceDecision ReadingRetry(VoiceState state, IReadOnlyList<string> why)
    {
        var tries = state.Tries + 1;
        state = state with { Tries = tries };
        return tries >= state.Settings.MaxTries ? ToStaff(state, why) : ListenReading(state, [.. why, "voice-say-again"]);
    }

    private static VoiceDecision ReadingConfirmed(VoiceState state, Heard heard)
    {
        switch (heard.Kind)
        {
            case HeardKind.Yes:
                var value = long.Parse(state.HeardDigits!, System.Globalization.CultureInfo.InvariantCulture);
                state = state with { Values = state.Values.Add(value), Tries = 0, Guess = null };
                var meter = state.Meter!;
                if (state.Values.Count < meter.Registers.Count)
                {
                    return ListenReading(state, []);
                }

                var reading = new ConfirmedReading(state.Account!.Number, meter, state.Values, LowerThanPrevious: false, ImplausibleJump: false);
                return new(state with { Step = VoiceStep.Storing, Pending = reading }, [new StoreReading(reading)]);
            case HeardKind.No:
                return ReadingRetry(state with { Guess = null }, []);
            case HeardKind.Unavailable:
                return ToStaff(state with { RecognitionUnavailable = true }, []);
            default:
                var misses = state.ConfirmMisses + 1;
                return misses >= state.Settings.MaxTries
                    ? ToStaff(state, ["voice-not-understood"])
                    : AskReadingConfirmation(state with { ConfirmMisses = misses }, ["voice-not-understood"]);
        }
    }

    /// <summary>The meter goes to staff with its recordings (they stay in the review queue); on to the next one.</summary>
    private static VoiceDecision ToStaff(VoiceState state, IReadOnlyList<string> why)
    {
        var review = ForReview(state);
        var next = StartMeter(state with { ToStaff = state.ToStaff.Add(state.Meter!) }, state.MeterIndex + 1, [.. why, "voice-meter-staff"]);
        return review is null ? next : Prepend(review, next);
    }

    /// <summary>The confirmed zones and the guess for the zone in progress, or null when there is nothing.</summary>
    private static StoreForReview? ForReview(VoiceState state)
    {
        var meter = state.Meter;
        if (meter is null || (state.Values.IsEmpty && state.Guess is null))
        {
            return null;
        }

        var values = meter.Registers.Select((_, i) => i < state.Values.Count ? (long?)state.Values[i] : i == state.Values.Count ? state.Guess : null).ToList();
        return new StoreForReview(state.Account!.Number, meter, values);
    }

    private static VoiceDecision Stored(VoiceState state)
    {
        var reading = state.Pending!;
        var accepted = state.Accepted.RemoveAll(r => r.Meter.MeterId == reading.Meter.MeterId).Add(reading);
        var settle = new SettleRecordings([.. state.ItemRecordings]);
        return Prepend(settle, StartMeter(state with { Accepted = accepted, Pending = null }, state.MeterIndex + 1, ["reading-accepted"]));
    }

    // ---- nothing said ----

    /// <summary>
    /// An answer with nothing in it (no audio, or only silence): the same question again, never "not understood" for
    /// staff; <see cref="VoiceSettings.MaxTries"/> such answers in a row and a person takes the call.
    /// </summary>
    private static VoiceDecision NoAnswer(VoiceState state)
    {
        var silences = state.Silences + 1;
        state = state with { Silences = silences };
        if (silences >= state.Settings.MaxTries)
        {
            return ToOperator(state);
        }

        string[] again = ["voice-not-understood", "voice-say-again"];
        return state.Step switch
        {
            VoiceStep.AccountListen => ListenAccount(state, again),
            VoiceStep.AccountConfirm => AskAccountConfirmation(state, ["voice-not-understood"]),
            VoiceStep.ReadingListen => ListenReading(state, again),
            VoiceStep.ReadingConfirm => AskReadingConfirmation(state, ["voice-not-understood"]),
            VoiceStep.FreeListen => Free(state, again),
            _ => throw new InvalidOperationException($"No answer is not expected at voice step {state.Step}."),
        };
    }

    /// <summary>What the machine has of the meter in progress stays for staff; what was confirmed is already stored.</summary>
    private static VoiceDecision ToOperator(VoiceState state)
    {
        var review = state.Step is VoiceStep.ReadingListen or VoiceStep.ReadingConfirm ? ForReview(state) : null;
        var transfer = new VoiceDecision(state with { Step = VoiceStep.Transferring }, [new Play(["operator-connect"])]);
        return review is null ? transfer : Prepend(review, transfer);
    }

    // ---- for staff, summary, end ----

    private static VoiceDecision Free(VoiceState state, IReadOnlyList<string> prefix) =>
        new(state with { Step = VoiceStep.FreeListen, ItemRecordings = [] },
            [new Listen(FreeStep, ListenKind.Free, [.. prefix, "voice-all-readings"], new ListenTarget(state.Account?.Number))]);

    /// <summary>The honest outcome: what was accepted (by name) and what staff will process.</summary>
    private static VoiceDecision Summary(VoiceState state, IReadOnlyList<string> prefix)
    {
        List<string> prompts = [.. prefix];
        if (!state.Accepted.IsEmpty)
        {
            prompts.Add("summary-intro");
            foreach (var reading in state.Accepted)
            {
                prompts.AddRange(MeterName(state, reading.Meter));
            }
        }

        if (state.AllToStaff)
        {
            prompts.Add("voice-staff-all");
        }
        else if (!state.ToStaff.IsEmpty)
        {
            prompts.Add("voice-summary-staff");
            foreach (var meter in state.ToStaff)
            {
                prompts.AddRange(MeterName(state, meter));
            }
        }
        else if (state.Accepted.IsEmpty)
        {
            prompts.Add("summary-none");
        }

        prompts.Add("goodbye");
        return new(state with { Step = VoiceStep.Summary }, [new Play(prompts)]);
    }

    private static VoiceDecision End(VoiceState state, CallEnding outcome, string result) =>
        new(state with { Step = VoiceStep.Ended, Outcome = outcome, LastStep = state.Step },
            [new SetVariable(state.Settings.ResultVariable, result), new EndCall(outcome)]);

    private static VoiceDecision Prepend(FlowCommand command, VoiceDecision decision) => new(decision.State, [command, .. decision.Commands]);

    /// <summary>"холодная вода, кухня" / "холодная вода, счётчик номер два" / "газ".</summary>
    public static IReadOnlyList<string> MeterName(VoiceState state, FlowMeter meter)
    {
        ArgumentNullException.ThrowIfNull(state);
        return ReadingsFlow.MeterName(state.Meters, meter, state.Settings.Language);
    }
}
