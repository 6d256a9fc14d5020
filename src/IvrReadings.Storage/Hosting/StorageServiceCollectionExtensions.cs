using IvrReadings.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the stores (<see cref="IAccountStore"/>, <see cref="IReadingStore"/>, <see cref="ICallLog"/>,
    /// <see cref="IRecordingStore"/>, <see cref="IReviewStore"/>, <see cref="IStaffStore"/>, <see cref="IReportStore"/>,
    /// <see cref="IBillingStore"/>), <see cref="IDatabaseMigrator"/>, <see cref="IDatabaseHealth"/>, the
    /// <see cref="Organisation"/> from section <c>Organisation</c>, <see cref="AccountImporter"/> and <see cref="ReadingExporter"/>;
    /// plus hosted services that migrate at start (<c>Database:MigrateOnStart</c>) and auto-fill closed periods (<c>Database:AutoFill</c>).
    /// </summary>
    public static IServiceCollection AddIvrStorage(this IServiceCollection services, IConfiguration configuration) =>
        throw new NotImplementedException();
}
