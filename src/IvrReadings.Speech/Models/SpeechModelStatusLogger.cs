using IvrReadings.Speech.Recognition;
using IvrReadings.Speech.Vosk;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrReadings.Speech.Models;

/// <summary>
/// One log line per language at startup, so an operator sees at once why calls go to staff;
/// then, off the startup path, loads the installed models so the first caller does not wait.
/// </summary>
internal sealed class SpeechModelStatusLogger : IHostedService
{
    private readonly SpeechModelLocator _locator;
    private readonly ISpeechRecognizer _recognizer;
    private readonly SpeechOptions _options;
    private readonly ILogger<SpeechModelStatusLogger> _logger;

    public SpeechModelStatusLogger(
        SpeechModelLocator locator,
        ISpeechRecognizer recognizer,
        IOptions<SpeechOptions> options,
        ILogger<SpeechModelStatusLogger> logger)
    {
        _locator = locator;
        _recognizer = recognizer;
        _options = options.Value;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var available = new List<SpeechModelStatus>();
        foreach (var status in _locator.LocateAll())
        {
            if (status.ModelAvailable)
            {
                available.Add(status);
                _logger.LogInformation("Speech model for {Language} available at {ModelPath}", status.Language, status.ModelPath);
            }
            else
            {
                _logger.LogWarning("Speech model for {Language} unavailable, spoken answers go to staff: {Reason}", status.Language, status.Reason);
            }
        }

        if (_recognizer is not VoskSpeechRecognizer vosk || available.Count == 0)
        {
            return Task.CompletedTask;
        }

        if (!VoskLibrary.TryEnsureLoaded(out var error))
        {
            _logger.LogError("Speech engine unavailable, spoken answers go to staff: {Reason}", error);
            return Task.CompletedTask;
        }

        if (_options.PreloadModels)
        {
            _ = Task.Run(
                () =>
                {
                    foreach (var status in available)
                    {
                        vosk.TryPreload(status.Language);
                    }
                },
                CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
