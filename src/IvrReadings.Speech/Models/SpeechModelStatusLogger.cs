using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IvrReadings.Speech.Models;

/// <summary>One log line per language at startup, so an operator sees at once why calls go to staff.</summary>
internal sealed class SpeechModelStatusLogger : IHostedService
{
    private readonly SpeechModelLocator _locator;
    private readonly ILogger<SpeechModelStatusLogger> _logger;

    public SpeechModelStatusLogger(SpeechModelLocator locator, ILogger<SpeechModelStatusLogger> logger)
    {
        _locator = locator;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var status in _locator.LocateAll())
        {
            if (status.ModelAvailable)
            {
                _logger.LogInformation("Speech model for {Language} available at {ModelPath}", status.Language, status.ModelPath);
            }
            else
            {
                _logger.LogWarning("Speech model for {Language} unavailable, spoken answers go to staff: {Reason}", status.Language, status.Reason);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
