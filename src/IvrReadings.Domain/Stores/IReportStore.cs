namespace IvrReadings.Domain;

/// <summary>Aggregates for the console dashboard.</summary>
public interface IReportStore
{
    Task<Dashboard> DashboardAsync(DashboardQuery query, CancellationToken cancellationToken);
}
