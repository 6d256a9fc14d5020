using IvrReadings.Speech.Models;
using IvrReadings.Speech.Numbers;
using IvrReadings.Testing;
using Microsoft.Extensions.Options;

namespace IvrReadings.Speech.Tests.Support;

/// <summary>
/// A fact that needs the real Russian model. Without one it is skipped with the reason,
/// never failed: the model is not part of the repository.
/// </summary>
public sealed class ModelFactAttribute : FactAttribute
{
    public ModelFactAttribute()
    {
        var status = RealModel.Status;
        if (!status.ModelAvailable)
        {
            Skip = "needs the Vosk model: " + status.Reason;
        }
    }
}

internal static class RealModel
{
    public static IOptions<SpeechOptions> Options { get; } = Microsoft.Extensions.Options.Options.Create(new SpeechOptions
    {
        ModelPath = Environment.GetEnvironmentVariable("Speech__ModelPath") ?? Checkout.ModelDirectory("vosk-model-small-ru-0.22"),
        NativeLibraryDirectory = Checkout.NativeDirectory,
    });

    public static SpeechModelStatus Status => new SpeechModelLocator(Options).Locate(SpeechLanguage.Russian);
}
