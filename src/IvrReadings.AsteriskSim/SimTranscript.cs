namespace IvrReadings.AsteriskSim;

public enum SimDirection
{
    /// <summary>Asterisk to app.</summary>
    ToApp,

    /// <summary>App to Asterisk.</summary>
    FromApp,

    /// <summary>A note about what the caller did.</summary>
    Note,
}

/// <param name="Text">The line without its LF (a CR sent by the app is kept).</param>
public sealed record SimWireLine(TimeSpan At, SimDirection Direction, string Text)
{
    public override string ToString() =>
        $"{At.TotalSeconds,8:0.000}s  {(Direction switch { SimDirection.ToApp => "A>S", SimDirection.FromApp => "S>A", _ => ".. " })}  {Text.Replace("\r", "\\r", StringComparison.Ordinal)}";
}

public enum SimEndReason
{
    /// <summary>The app closed the socket while the channel was up (AGISTATUS=SUCCESS, dialplan continues).</summary>
    AppClosed,

    /// <summary>The channel hung up and then the app closed the socket.</summary>
    AppClosedAfterHangup,

    /// <summary>AGIEXITONHANGUP: the fake Asterisk closed the socket.</summary>
    AsteriskClosed,

    /// <summary>The connection could not be made, or broke.</summary>
    ConnectionFailed,

    Cancelled,
}

/// <summary>What happened on one simulated call.</summary>
public sealed class SimCallResult
{
    public required SimEndReason EndReason { get; init; }

    /// <summary>Every command line the app sent, in order (CR kept).</summary>
    public required IReadOnlyList<string> Commands { get; init; }

    public required IReadOnlyList<SimWireLine> Transcript { get; init; }

    /// <summary>Prompts played to the caller, in order (SAY expands to digits/N files).</summary>
    public required IReadOnlyList<string> Played { get; init; }

    public required IReadOnlyDictionary<string, string> Variables { get; init; }

    /// <summary>Files written by RECORD FILE.</summary>
    public required IReadOnlyList<string> Recordings { get; init; }

    public required bool HungUp { get; init; }

    public Exception? Error { get; init; }

    public string Dump() => string.Join('\n', Transcript);
}
