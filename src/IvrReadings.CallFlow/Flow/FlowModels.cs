namespace IvrReadings.CallFlow.Flow;

/// <summary>Meter kinds in the order the menu offers them.</summary>
public enum FlowMeterKind
{
    Electricity,
    Gas,
    ColdWater,
    HotWater,
    Heat,
}

/// <summary>Tariff zones in the order a multi-zone meter is read (day, night / peak, semi-peak, night).</summary>
public enum FlowZone
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Single is the tariff of a one-zone meter, the domain's word.")]
    Single,
    Day,
    Night,
    Peak,
    SemiPeak,
}

/// <summary>One register of a meter as the call flow needs it.</summary>
/// <param name="MaxIncrease">A rise above this since the previous reading is implausible (null: no check).</param>
public sealed record FlowRegister(FlowZone Zone, long? Previous, long? MaxIncrease);

/// <summary>A meter as the call flow sees it: what to say and what to check.</summary>
/// <param name="Capacity">How many digits the meter shows before the point.</param>
public sealed record FlowMeter(string MeterId, FlowMeterKind Kind, string? Description, int Capacity, IReadOnlyList<FlowRegister> Registers)
{
    public bool IsMultiZone => Registers.Count > 1;
}

public sealed record FlowAccount(string Number, IReadOnlyList<FlowMeter> Meters);

/// <summary>A reading the caller confirmed: values per register, in the meter's order.</summary>
public sealed record ConfirmedReading(
    string AccountNumber,
    FlowMeter Meter,
    IReadOnlyList<long> Values,
    bool LowerThanPrevious,
    bool ImplausibleJump);

/// <summary>How the conversation ended, as the flow saw it. The call record's <see cref="IvrReadings.Domain.CallOutcome"/> is
/// derived from it (and from what was stored) by the script handler.</summary>
public enum CallEnding
{
    /// <summary>The caller finished: summary and goodbye.</summary>
    Completed,

    /// <summary>Called outside the organisation's window and was told when to call.</summary>
    OutsideWindow,

    /// <summary>Handed to the operator (0, repeated silence, account not found).</summary>
    Operator,

    /// <summary>
    /// No key at the main menu twice (a pulse phone?): the hook to the voice flow. The flow sets
    /// <c>IVR_RESULT=voice</c> and returns; the dialplan goes to the voice line (AGI script <c>voice</c>).
    /// </summary>
    GoToVoice,

    /// <summary>The caller hung up.</summary>
    HungUp,

    /// <summary>The store could not be reached; the caller was asked to call later.</summary>
    TechnicalProblem,
}
