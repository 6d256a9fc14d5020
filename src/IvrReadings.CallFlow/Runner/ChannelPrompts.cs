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

    /// <summary>How long the last words may take (the FastAGI server closes the connection after its ShutdownNotice).</summary>
    private static readonly TimeSpan LastWordsTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The server ended a call whose caller is still on (its shutdown grace or the call time limit ran out): sets the
    /// result variable to <c>failed</c> first (so the dialplan routes the caller even if the prompt is cut short), then
    /// plays "technical problem, please call later". Best effort: the command in flight must be answered first, and
    /// the server closes the connection after its notice time.
    /// </summary>
    public static async Task LastWordsAsync(IAgiChannel channel, string resultVariable, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(channel);
        using var timeout = new CancellationTokenSource(LastWordsTimeout);
        try
        {
            await channel.SetVariableAsync(resultVariable, "failed", timeout.Token).ConfigureAwait(false);
            await channel.StreamFileAsync(PromptCatalogue.AsteriskFile("technical-problem"), "", 0, timeout.Token).ConfigureAwait(false);
            logger.LogInformation("The server ended the call: the caller was told about a technical problem ({Variable}=failed)", resultVariable);
        }
        catch (Exception ex) when (ex is OperationCanceledException or AgiCommandException or TimeoutException)
        {
            logger.LogInformation("The server ended the call before the caller could be told ({Reason})", ex.Message);
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
