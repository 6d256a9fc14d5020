
namespace IvrReadings.AsteriskSim.Phone;

/// <param name="Result">The channel variable the dialplan routes on (IVR_RESULT): done, operator, voice, closed, failed.</param>
/// <param name="Phrases">What the robot said, one entry per utterance, as text.</param>
public sealed record PhoneCallResult(string? Result, bool HungUp, SimEndReason EndReason, IReadOnlyList<string> Phrases, Exception? Error)
{
    /// <summary>0 when the call was connected and ran to its end.</summary>
    public int ExitCode => EndReason is SimEndReason.ConnectionFailed ? 2 : Error is null ? 0 : 1;
}
