using IvrReadings.Speech.Models;
using IvrReadings.Speech.Recognition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IvrReadings.Speech;

public static class SpeechServiceCollectionExtensions
{
    /// <summary>
    /// Registers speech recognition from the "Speech" section: the model locator (for /health),
    /// the Vosk recognizer (unless one is registered already),
    /// <see cref="SpeechRecognitionService"/> with its <see cref="RecognitionGate"/> (live callers first), and a startup
    /// log line per language.
    /// </summary>
    public static IServiceCollection AddSpeech(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SpeechOptions>().Bind(configuration.GetSection(SpeechOptions.SectionName));
        services.TryAddSingleton<SpeechModelLocator>();
        services.TryAddSingleton<ISpeechRecognizer, VoskSpeechRecognizer>();
        services.TryAddSingleton(sp => new RecognitionGate(sp.GetRequiredService<IOptions<SpeechOptions>>().Value.EffectiveConcurrency));
        services.TryAddSingleton<SpeechRecognitionService>();
        services.AddHostedService<SpeechModelStatusLogger>();
        return services;
    }
}
