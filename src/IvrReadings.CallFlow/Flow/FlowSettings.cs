namespace IvrReadings.CallFlow.Flow;

/// <summary>What the pure flow needs to know about the call, fixed at its start.</summary>
public sealed record FlowSettings
{
    public required string Language { get; init; }

    /// <summary>The caller's number (for "the account you used before"), if known.</summary>
    public string? CallerId { get; init; }

    public bool WindowOpen { get; init; } = true;

    public int WindowFromDay { get; init; } = 15;

    public int WindowToDay { get; init; } = 25;

    public int AccountMinLength { get; init; } = 5;

    public int AccountMaxLength { get; init; } = 12;

    /// <summary>Tries for the account number; also repeats of a prompt nobody answers.</summary>
    public int MaxTries { get; init; } = 3;

    /// <summary>Times '*' may repeat one question; the next '*' goes to the operator (a stuck key or a script must not
    /// loop a call forever).</summary>
    public int MaxRepeats { get; init; } = 3;

    /// <summary>Input timeout after a prompt ended (no dead air above 3 s).</summary>
    public int InputTimeoutMs { get; init; } = 3000;

    /// <summary>Silent main menus before the caller goes to the voice flow; 0 = never (operator instead).</summary>
    public int SilentMenusBeforeVoice { get; init; } = 2;

    /// <summary>The channel variable the dialplan routes on.</summary>
    public string ResultVariable { get; init; } = "IVR_RESULT";
}
