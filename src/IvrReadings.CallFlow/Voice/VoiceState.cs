using System.Collections.Immutable;
using IvrReadings.CallFlow.Flow;

namespace IvrReadings.CallFlow.Voice;

/// <summary>Where a voice call is. Also what the call log records as the caller's last step.</summary>
public enum VoiceStep
{
    Start,
    ClosedMessage,
    AccountListen,
    LookingUpAccount,
    AccountConfirm,
    ReadingListen,
    ReadingConfirm,
    Storing,
    FreeListen,
    Summary,
    Transferring,
    TechnicalProblem,
    Ended,
}

/// <summary>What the pure voice flow needs to know about the call, fixed at its start.</summary>
public sealed record VoiceSettings
{
    public required string Language { get; init; }

    public bool WindowOpen { get; init; } = true;

    public int WindowFromDay { get; init; } = 15;

    public int WindowToDay { get; init; } = 25;

    public int AccountMinLength { get; init; } = 5;

    public int AccountMaxLength { get; init; } = 12;

    /// <summary>Recordings of one account or meter zone ("no" or not understood) before it goes to staff; answers in a
    /// row with nothing said before the operator.</summary>
    public int MaxTries { get; init; } = 2;

    public string ResultVariable { get; init; } = "IVR_RESULT";
}

/// <summary>The immutable state of one voice call. Only <see cref="VoiceFlow"/> creates new ones.</summary>
public sealed record VoiceState
{
    public required VoiceSettings Settings { get; init; }

    public VoiceStep Step { get; init; } = VoiceStep.Start;

    /// <summary>Recordings of the account / current meter zone that were not understood or were denied.</summary>
    public int Tries { get; init; }

    /// <summary>Unclear yes/no answers to the current read-back.</summary>
    public int ConfirmMisses { get; init; }

    /// <summary>Answers in a row with nothing said; <see cref="VoiceSettings.MaxTries"/> of them hand the call to the operator.</summary>
    public int Silences { get; init; }

    /// <summary>What the read-back being confirmed says: the account number or the reading's digits.</summary>
    public string? HeardDigits { get; init; }

    /// <summary>The machine's best figure for the zone in progress that the caller has not denied (kept for staff).</summary>
    public long? Guess { get; init; }

    public FlowAccount? Account { get; init; }

    /// <summary>The account's meters in the order they are asked.</summary>
    public ImmutableList<FlowMeter> Meters { get; init; } = [];

    public int MeterIndex { get; init; }

    /// <summary>Confirmed values of the current meter's zones so far.</summary>
    public ImmutableList<long> Values { get; init; } = [];

    /// <summary>Recordings of the item in progress (account or meter), settled together when it is stored.</summary>
    public ImmutableList<long> ItemRecordings { get; init; } = [];

    public ImmutableList<ConfirmedReading> Accepted { get; init; } = [];

    /// <summary>Meters left to staff (their recordings stay in the review queue).</summary>
    public ImmutableList<FlowMeter> ToStaff { get; init; } = [];

    /// <summary>Everything was recorded in one free recording for staff (account not identified, or no model).</summary>
    public bool AllToStaff { get; init; }

    /// <summary>The recognizer reported no model / failed: what follows is recorded without recognition.</summary>
    public bool RecognitionUnavailable { get; init; }

    public ConfirmedReading? Pending { get; init; }

    public CallEnding? Outcome { get; init; }

    public VoiceStep? LastStep { get; init; }

    public bool IsEnded => Step == VoiceStep.Ended;

    public FlowMeter? Meter => MeterIndex < Meters.Count ? Meters[MeterIndex] : null;

    /// <summary>Anything of this call waits for staff.</summary>
    public bool NeedsStaff => AllToStaff || !ToStaff.IsEmpty;
}

public sealed record VoiceDecision(VoiceState State, IReadOnlyList<FlowCommand> Commands);
