using IvrReadings.Domain;
using IvrReadings.Web.Pages;

namespace IvrReadings.Web.Metrics;

/// <summary>Gauges read from the store on each scrape: review backlog, recognition queue, calls by outcome and drop-off per step this period.</summary>
public sealed class StoreMetricsSource(IServiceScopeFactory scopes, TimeProvider time) : IStoreMetricsSource
{
    public async Task<IReadOnlyList<MetricFamily>> CollectAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var organisation = services.GetRequiredService<Organisation>();
        var query = DashboardQuery.For(organisation, time.GetUtcNow());
        var backlog = await services.GetRequiredService<IReviewStore>().CountAsync(cancellationToken);
        var queue = await services.GetRequiredService<IRecordingStore>().QueueLengthAsync(cancellationToken);
        var outcomes = await OutcomeCounts.CountAsync(services.GetRequiredService<ICallLog>(), query.PeriodFrom, query.PeriodTo, cancellationToken);
        var dashboard = await services.GetRequiredService<IReportStore>().DashboardAsync(query, cancellationToken);
        var period = query.Period.ToString();
        return
        [
            new("ivr_review_backlog_calls", "Voice calls waiting for staff review.", [new([], backlog)]),
            new("ivr_recognition_queue_length", "Recordings waiting in the recognition queue.", [new([], queue)]),
            new("ivr_calls_period", "Calls of the current billing period by outcome.",
                [.. outcomes.Select(o => new MetricSample([new("period", period), new("outcome", o.Outcome.ToString())], o.Calls))]),
            new("ivr_calls_dropoff_period", "Calls of the current billing period that ended without storing everything, by the last step reached.",
                [.. dashboard.DropOffs.Select(d => new MetricSample([new("period", period), new("step", d.LastStep)], d.Calls))]),
        ];
    }
}
