namespace IvrReadings.CallFlow.Flow;

/// <summary>
/// What the flow asks the runner to do. Within one decision only the last command answers with an event;
/// <see cref="SetVariable"/> answers with nothing.
/// </summary>
public abstract record FlowCommand;

/// <summary>Play prompts (keys interrupt them; a key here is dropped). Answer: <see cref="PromptDone"/>.</summary>
public sealed record Play(IReadOnlyList<string> Prompts) : FlowCommand
{
    public override string ToString() => $"Play [{string.Join(' ', Prompts)}]";
}

/// <summary>
/// Play prompts and collect keys: keys interrupt the prompts and are kept; '#' ends the input.
/// Answer: <see cref="DigitsReceived"/> or <see cref="InputTimedOut"/>.
/// </summary>
public sealed record Collect(IReadOnlyList<string> Prompts, int MaxDigits, int TimeoutMs) : FlowCommand
{
    public override string ToString() => $"Collect({MaxDigits}) [{string.Join(' ', Prompts)}]";
}

public sealed record SetVariable(string Name, string Value) : FlowCommand;

/// <summary>Answer: <see cref="CallerAccountFound"/> (or <see cref="StoreFailed"/>).</summary>
public sealed record FindCallerAccount(string CallerId) : FlowCommand;

/// <summary>Answer: <see cref="AccountLookedUp"/> or <see cref="StoreFailed"/>.</summary>
public sealed record LookupAccount(string AccountNumber) : FlowCommand;

/// <summary>Store durably (committed before the answer). Answer: <see cref="ReadingStored"/> or <see cref="StoreFailed"/>.</summary>
public sealed record StoreReading(ConfirmedReading Reading) : FlowCommand;

/// <summary>The flow is over. Operator/Voice: return to the dialplan; otherwise hang up.</summary>
public sealed record EndCall(CallEnding Outcome) : FlowCommand;
