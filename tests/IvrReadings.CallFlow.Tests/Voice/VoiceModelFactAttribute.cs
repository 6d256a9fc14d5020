using IvrReadings.Speech;
using IvrReadings.Speech.Models;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Vosk;
using IvrReadings.Testing;
using Microsoft.Extensions.Options;

namespace IvrReadings.CallFlow.Tests.Voice;

/// <summary>
/// A fact that needs the real Russian Vosk model and libvosk. Without them it is skipped with the reason, never
/// failed: neither is part of the repository (<c>scripts/speech/model.sh ru</c>, <c>Speech__ModelPath</c>).
/// </summary>
public sealed class VoiceModelFactAttribute : FactAttribute
{
    public VoiceModelFactAttribute()
    {
        var status = new SpeechModelLocator(Options).Locate(SpeechLanguage.Russian);
        if (!status.ModelAvailable)
        {
            Skip = "needs the Vosk model: " + status.Reason;
        }
        else
        {
            VoskLibrary.Configure(Options.Value.NativeLibraryDirectory);
            if (!VoskLibrary.TryEnsureLoaded(out var error))
            {
                Skip = "needs libvosk: " + error;
            }
        }
    }

    internal static IOptions<SpeechOptions> Options { get; } = Microsoft.Extensions.Options.Options.Create(new SpeechOptions
    {
        ModelPath = Environment.GetEnvironmentVariable("Speech__ModelPath") ?? Checkout.ModelDirectory("vosk-model-small-ru-0.22"),
        NativeLibraryDirectory = Checkout.NativeDirectory,
    });
}
