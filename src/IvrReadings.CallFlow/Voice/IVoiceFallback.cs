using IvrReadings.FastAgi;

namespace IvrReadings.CallFlow.Voice;

/// <summary>
/// Takes over a call of another flow on the same channel: the touch-tone flow hands over a caller who sent no key
/// at the main menu (a pulse phone) instead of dropping them.
/// </summary>
public interface IVoiceFallback
{
    /// <param name="fromCallId">The call id of the flow handing over (its call record keeps its own outcome).</param>
    /// <param name="language">The call's prompt language (ru, uk, en), already set on the channel.</param>
    Task ContinueAsync(IAgiChannel channel, string fromCallId, string language, CancellationToken callAborted);
}
