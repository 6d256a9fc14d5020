using IvrReadings.Domain;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IvrReadings.Storage;

/// <summary>
/// Runs auto-fill for the current month once its window has closed. Checks every few minutes; the store makes a second
/// run (another server, a restart) a no-op, so there is nothing to coordinate here.
/// </summary>
internal sealed class AutoFillService(IReadingStore readings, Organisation organisation, TimeProvider time, ILogger<AutoFillService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        BillingPeriod? done = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var period = BillingPeriod.Of(organisation.Window.LocalDate(now));
            if (done != period && AutoFill.IsDue(organisation, period, now))
            {
                try
                {
                    var summary = await readings.AutoFillAsync(period, now, stoppingToken).ConfigureAwait(false);
                    done = period;
                    if (summary.Ran)
                        logger.LogInformation("Auto-filled {Period}: {Readings} readings for {Meters} meters", period.ToString(), summary.Readings, summary.Meters);
                }
                catch (StorageUnavailableException ex)
                {
                    logger.LogWarning(ex, "Auto-fill of {Period} postponed: database unavailable", period.ToString());
                }
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
