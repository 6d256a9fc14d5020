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
        var done = new HashSet<BillingPeriod>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var current = BillingPeriod.Of(organisation.Window.LocalDate(now));
            // Last month too: a server that was down when that window closed still fills it when it comes back.
            foreach (var period in new[] { current.Previous(), current })
            {
                if (done.Contains(period) || !AutoFill.IsDue(organisation, period, now)) continue;
                try
                {
                    var summary = await readings.AutoFillAsync(period, now, stoppingToken).ConfigureAwait(false);
                    done.Add(period);
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
