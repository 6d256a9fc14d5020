using IvrReadings.CallFlow.Prompts;

namespace IvrReadings.CallFlow.Flow;

/// <summary>The readings flow: account.</summary>
public static partial class ReadingsFlow
{
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
        state = state with { AccountTries = tries, Misses = 0 };
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
}
