using IvrReadings.FastAgi;

namespace IvrReadings.CallFlow.Voice;

/// <summary>
/// Takes over a call of another flow on the same channel: the touch-tone flow hands over a caller who sent no key
/// at the main menu (a pulse phone) instead of dropping them.
/// </summary>
public interface IVoiceFallback
{
    /// <param name="callId">The call's id: the voice flow goes on in the same call record and timeline and writes its end.</param>
    /// <param name="language">The call's prompt language (ru, uk, en), already set on the channel.</param>
    Task ContinueAsync(IAgiChannel channel, string callId, string language, CancellationToken callAborted);
}
