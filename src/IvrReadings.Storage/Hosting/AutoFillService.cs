using IvrReadings.Domain;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IvrReadings.Storage;

/// <summary>
/// Runs auto-fill for the current month once its window has closed. Every server checks every few minutes; which one
/// applies a period is decided in the database (the store's lease on the period: see <c>SqlAutoFill</c>), so with
/// several servers one fills it, the others find it running or done, and a server that dies mid-run is taken over
/// at a later check.
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
            var current = organisation.Window.PeriodAt(now);
            // Last month too: a server that was down when that window closed still fills it when it comes back.
            foreach (var period in new[] { current.Previous(), current })
            {
                if (done.Contains(period) || !AutoFill.IsDue(organisation, period, now)) continue;
                try
                {
                    var summary = await readings.AutoFillAsync(period, now, stoppingToken).ConfigureAwait(false);
                    if (summary.RunningOn is { } other)
                    {
                        logger.LogInformation("Auto-fill of {Period} is being applied by {Server}; checking again in {Interval}", period.ToString(), other, Interval);
                        continue;
                    }

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
