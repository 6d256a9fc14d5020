using IvrReadings.CallFlow.Prompts;
using IvrReadings.FastAgi;
using Microsoft.Extensions.Logging;

namespace IvrReadings.CallFlow.Runner;

/// <summary>Playing the flows' prompts on an AGI channel, shared by the touch-tone and the voice handlers.</summary>
internal static class ChannelPrompts
{
    /// <summary>
    /// Plays the prompts; a key among <paramref name="escapeDigits"/> stops them (the flow does not need it). With no
    /// escape digits (the voice flow: the caller cannot send tones) nothing interrupts a prompt.
    /// </summary>
    public static async Task PlayAsync(IAgiChannel channel, IReadOnlyList<string> prompts, string escapeDigits, ILogger logger, CancellationToken ct)
    {
        foreach (var prompt in prompts)
        {
            var result = await channel.StreamFileAsync(PromptCatalogue.AsteriskFile(prompt), escapeDigits, 0, ct).ConfigureAwait(false);
            ThrowIfHungUp(channel);
            WarnIfMissing(logger, result.FileMissing, prompt);
            if (result.Digit is not null)
            {
                return;
            }
        }
    }

    public static void WarnIfMissing(ILogger logger, bool missing, string prompt)
    {
        if (missing)
        {
            logger.LogWarning("Asterisk has no prompt {Prompt}: run make install-sounds (sounds/<lang>/ -> <asterisk sounds>/<lang>/ivr-readings/)",
                PromptCatalogue.AsteriskFile(prompt));
        }
    }

    /// <summary>AGI answers a hung-up channel without an error; this turns it into the hangup the handlers catch.</summary>
    public static void ThrowIfHungUp(IAgiChannel channel)
    {
        if (channel.IsHungUp)
        {
            throw new CallHungUpException(channel.HungUp);
        }
    }
}
