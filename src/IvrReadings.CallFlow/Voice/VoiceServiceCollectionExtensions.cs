using IvrReadings.CallFlow.Voice.AudioSocket;
using IvrReadings.Domain;
using IvrReadings.FastAgi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IvrReadings.CallFlow.Voice;

public static class VoiceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the voice flow as AGI script <c>Voice:ScriptName</c> (default <c>voice</c>), the fallback the touch-tone
    /// flow hands silent callers to (<see cref="IVoiceFallback"/>), the recordings directories (section <c>Recordings</c>)
    /// and the background recognition queue. Needs <c>AddSpeech</c>, <c>AddIvrStorage</c>, <c>AddFastAgi</c> and
    /// <c>AddCallFlows</c> (for <c>CallFlow:ResultVariable</c>).
    /// </summary>
    public static IServiceCollection AddVoiceFlow(this IServiceCollection services, IConfiguration configuration, bool recognitionQueue = true)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(VoiceOptions.Section);
        services.AddOptions<VoiceOptions>().Bind(section);
        services.AddOptions<RecordingsOptions>().Bind(configuration.GetSection(RecordingsOptions.Section));
        services.AddOptions<CallFlowOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => RecordingPaths.From(sp.GetRequiredService<IOptions<RecordingsOptions>>().Value));
        services.TryAddSingleton<RecordFileCapture>();
        services.TryAddSingleton<RecordingCopies>();
        services.AddOptions<FastAgiOptions>();
        services.TryAddSingleton<AudioSocketListener>();
        services.AddHostedService(sp => sp.GetRequiredService<AudioSocketListener>());
        services.TryAddSingleton<AudioSocketCapture>();
        var capture = section[nameof(VoiceOptions.Capture)] is { Length: > 0 } chosen ? chosen : VoiceOptions.CaptureAudioSocket;
        if (string.Equals(capture, VoiceOptions.CaptureRecordFile, StringComparison.OrdinalIgnoreCase))
        {
            services.TryAddSingleton<IAnswerCapture>(sp => sp.GetRequiredService<RecordFileCapture>());
        }
        else
        {
            services.TryAddSingleton<IAnswerCapture>(sp => sp.GetRequiredService<AudioSocketCapture>());
        }
        services.TryAddSingleton<VoiceCallSetup>();
        services.TryAddSingleton<VoiceRecognition>();
        services.TryAddSingleton<VoiceListener>();
        services.TryAddSingleton<VoiceReview>();
        var scriptName = section[nameof(VoiceOptions.ScriptName)] is { Length: > 0 } name ? name : new VoiceOptions().ScriptName;
        services.AddAgiScript<VoiceScriptHandler>(scriptName);
        services.TryAddScoped<IVoiceFallback>(sp => sp.GetRequiredService<VoiceScriptHandler>());
        if (recognitionQueue)
        {
            services.AddSingleton<RecognitionQueueService>();
            services.AddHostedService(sp => sp.GetRequiredService<RecognitionQueueService>());
        }

        return services;
    }
}
