using System.Collections.Immutable;

namespace IvrReadings.CallFlow.Flow;

/// <summary>Where the call is. Also what the call log records as the caller's last step.</summary>
public enum FlowStep
{
    Start,
    ClosedMessage,
    MainMenu,
    FindingCallerAccount,
    KnownAccountOffer,
    AccountEntry,
    LookingUpAccount,
    ConfirmAccount,
    MeterMenu,
    MeterSubMenu,
    ReadingEntry,
    ConfirmReading,
    ReadingWarning,
    Storing,
    NextOrFinish,
    Summary,
    Transferring,
    TechnicalProblem,
    Ended,
}

public enum ReadingWarningKind
{
    Lower,
    Jump,
}

public sealed record ReadingWarning(int Register, ReadingWarningKind Kind);

/// <summary>The immutable state of one call. Only <see cref="ReadingsFlow"/> creates new ones.</summary>
public sealed record FlowState
{
    public required FlowSettings Settings { get; init; }

    public FlowStep Step { get; init; } = FlowStep.Start;

    /// <summary>What '*' and silence repeat at the current step.</summary>
    public Collect? Repeat { get; init; }

    /// <summary>Silences and wrong choices at the current step.</summary>
    public int Misses { get; init; }

    /// <summary>Times '*' repeated the current question.</summary>
    public int Repeats { get; init; }

    /// <summary>Times the main menu got no key at all (a pulse phone?): the voice flow takes over.</summary>
    public int SilentMenus { get; init; }

    public int AccountTries { get; init; }

    public string? CallerAccount { get; init; }

    /// <summary>The account came from the caller's earlier calls: no read-back needed.</summary>
    public bool AccountFromCaller { get; init; }

    public string? KeyedAccount { get; init; }

    public FlowAccount? Account { get; init; }

    public FlowMeterKind? Kind { get; init; }

    public FlowMeter? Meter { get; init; }

    public ImmutableList<long> Values { get; init; } = [];

    /// <summary>The meter was offered by name, without a menu (the last one left): '#' alone finishes the call.</summary>
    public bool MeterOffered { get; init; }

    public ImmutableList<ReadingWarning> Warnings { get; init; } = [];

    public bool LongReadingPromptPlayed { get; init; }

    /// <summary>Readings confirmed and stored in this call, one per meter (the latest counts).</summary>
    public ImmutableList<ConfirmedReading> Accepted { get; init; } = [];

    public ConfirmedReading? Pending { get; init; }

    public CallEnding? Outcome { get; init; }

    /// <summary>The step the call was at when it ended.</summary>
    public FlowStep? LastStep { get; init; }

    public bool IsEnded => Step == FlowStep.Ended;
}

public sealed record FlowDecision(FlowState State, IReadOnlyList<FlowCommand> Commands);
