using IvrReadings.CallFlow.Flow;

namespace IvrReadings.CallFlow.Voice;

/// <summary>What a spoken answer is for; decides the grammar and how the recognizer's words are checked.</summary>
public enum ListenKind
{
    /// <summary>An account number, digit by digit or as numbers.</summary>
    Account,

    /// <summary>A meter reading, checked against <see cref="ListenTarget"/>.</summary>
    Reading,

    /// <summary>Yes or no.</summary>
    YesNo,

    /// <summary>Everything at once for staff (account or model unavailable): recorded and queued, not recognized live.</summary>
    Free,
}

/// <summary>Who and what a recording is about (linked on the recording row), and what a reading may be.</summary>
/// <param name="MaxPlausible">Previous reading plus the largest plausible rise (the domain's jump rule), if known.</param>
public sealed record ListenTarget(
    string? AccountNumber,
    string? MeterId = null,
    FlowZone? Zone = null,
    int Capacity = 0,
    long? Previous = null,
    long? MaxPlausible = null);

/// <summary>
/// Play the prompts, record after a beep until the caller stops speaking, keep the recording (linked to the call, the
/// step, the account and meter/zone), and recognize it. Answer: <see cref="Heard"/>.
/// </summary>
/// <param name="Step">The recording's step name (also its file name: <c>&lt;call&gt;/&lt;step&gt;-&lt;n&gt;.wav</c>).</param>
public sealed record Listen(string Step, ListenKind Kind, IReadOnlyList<string> Prompts, ListenTarget Target) : FlowCommand
{
    public override string ToString() => $"Listen {Step} {Kind} [{string.Join(' ', Prompts)}]";
}

/// <summary>
/// The caller confirmed what these recordings were about and it is stored: they leave the staff queue
/// (status Recognized). Answers nothing.
/// </summary>
public sealed record SettleRecordings(IReadOnlyList<long> RecordingIds) : FlowCommand
{
    public override string ToString() => $"Settle [{string.Join(',', RecordingIds)}]";
}

/// <summary>
/// A meter left to staff: store what the machine has for it as NeedsReview readings (never counted until staff
/// confirm), so staff start from the figures: the zones the caller confirmed and, for the zone in progress, the
/// machine's best figure unless the caller denied it. <c>null</c> = nothing for that zone. Answers nothing.
/// </summary>
public sealed record StoreForReview(string AccountNumber, FlowMeter Meter, IReadOnlyList<long?> Values) : FlowCommand
{
    public override string ToString() => $"StoreForReview {Meter.MeterId} [{string.Join(',', Values)}]";
}
