namespace IvrReadings.CallFlow.Flow;

/// <summary>What happened; the runner feeds these to <see cref="ReadingsFlow.Decide"/>.</summary>
public abstract record FlowEvent;

public sealed record CallStarted : FlowEvent;

/// <summary>Keys from a <see cref="Collect"/>: without the final '#'; may be empty ('#' alone).</summary>
public sealed record DigitsReceived(string Digits) : FlowEvent;

/// <summary>A <see cref="Collect"/> timed out with no key.</summary>
public sealed record InputTimedOut : FlowEvent;

public sealed record PromptDone : FlowEvent;

public sealed record CallerAccountFound(string? AccountNumber) : FlowEvent;

public sealed record AccountLookedUp(FlowAccount? Account) : FlowEvent;

public sealed record ReadingStored : FlowEvent;

/// <summary>The store failed (unreachable, timeout): nothing was written.</summary>
public sealed record StoreFailed : FlowEvent;

public sealed record HungUp : FlowEvent;

/// <summary>The server ended the call (its shutdown grace or the call time limit ran out) while the caller was still on.</summary>
public sealed record Interrupted : FlowEvent;
