using IvrReadings.CallFlow.Prompts;
using IvrReadings.CallFlow.Runner;
using IvrReadings.Domain;
using IvrReadings.Speech;
using IvrReadings.Speech.Numbers;
using Microsoft.Extensions.Options;

namespace IvrReadings.CallFlow.Voice;

/// <summary>What a voice call starts with: its settings (window, account length, tries), its speech language and the
/// stores' view of accounts and readings.</summary>
internal sealed class VoiceCallSetup(
    IAccountStore accounts,
    IReadingStore readings,
    Organisation organisation,
    TimeProvider time,
    IOptions<VoiceOptions> options,
    IOptions<SpeechOptions> speechOptions,
    IOptions<CallFlowOptions> callFlowOptions)
{
    public Organisation Organisation => organisation;

    public ReadingsBackend Backend() => new(accounts, readings, organisation, time);

    public VoiceSettings Settings(string language)
    {
        var window = organisation.Window.Check(time);
        return new VoiceSettings
        {
            Language = language,
            WindowOpen = window.IsOpen,
            WindowFromDay = organisation.Window.FirstDay,
            WindowToDay = organisation.Window.LastDay,
            AccountMinLength = organisation.AccountDigitsMin,
            AccountMaxLength = organisation.AccountDigitsMax,
            MaxTries = Math.Max(1, options.Value.MaxTries),
            ResultVariable = callFlowOptions.Value.ResultVariable,
        };
    }

    /// <summary>The caller speaks the language of the prompts, recognized with that language's own model (never another's).</summary>
    public SpeechLanguage SpeechLanguageOf(string language) => language switch
    {
        CallLanguages.Ukrainian => SpeechLanguage.Ukrainian,
        CallLanguages.Russian => SpeechLanguage.Russian,
        CallLanguages.English => SpeechLanguage.English,
        _ => SpeechLanguages.TryParse(speechOptions.Value.DefaultLanguage, out var fallback) ? fallback : SpeechLanguage.Russian,
    };
}
