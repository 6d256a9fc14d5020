using IvrReadings.Domain;
using IvrReadings.Storage.Sql;
using IvrReadings.Storage.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace IvrReadings.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the stores (<see cref="IAccountStore"/>, <see cref="IReadingStore"/>, <see cref="ICallLog"/>,
    /// <see cref="IRecordingStore"/>, <see cref="IReviewStore"/>, <see cref="IStaffStore"/>, <see cref="IReportStore"/>,
    /// <see cref="IBillingStore"/>, <see cref="IAuditLog"/>, <see cref="IDataProtectionKeyStore"/>), <see cref="IDatabaseMigrator"/>, <see cref="IDatabaseHealth"/>, the
    /// <see cref="Organisation"/> from section <c>Organisation</c>, <see cref="AccountImporter"/> and <see cref="ReadingExporter"/>;
    /// plus hosted services that migrate at start (<c>Database:MigrateOnStart</c>) and auto-fill closed periods (<c>Database:AutoFill</c>).
    /// All singletons. <see cref="TimeProvider"/> defaults to the system clock unless registered before.
    /// </summary>
    public static IServiceCollection AddIvrStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var organisation = (configuration.GetSection(OrganisationOptions.Section).Get<OrganisationOptions>() ?? new OrganisationOptions()).ToOrganisation();
        return services.AddIvrStorage(options, organisation);
    }

    /// <summary>The same with options given directly (tests, tools).</summary>
    public static IServiceCollection AddIvrStorage(this IServiceCollection services, DatabaseOptions options, Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddLogging(); // idempotent; the hosted services need ILogger<T> even outside a host
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(organisation);
        services.AddSingleton(options);
        services.AddSingleton(sp => DatabaseFactory.Create(options, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IAccountStore, SqlAccountStore>();
        services.AddSingleton<IReadingStore, SqlReadingStore>();
        services.AddSingleton<ICallLog, SqlCallLog>();
        services.AddSingleton<IRecordingStore, SqlRecordingStore>();
        services.AddSingleton<IReviewStore, SqlReviewStore>();
        services.AddSingleton<IStaffStore, SqlStaffStore>();
        services.AddSingleton<IAuditLog, SqlAuditLog>();
        services.AddSingleton<IDataProtectionKeyStore, SqlDataProtectionKeyStore>();
        services.AddSingleton<IReportStore, SqlReportStore>();
        services.AddSingleton<IBillingStore, SqlBillingStore>();
        services.AddSingleton<IDatabaseMigrator, DatabaseMigrator>();
        services.AddSingleton<IDatabaseHealth, DatabaseHealth>();
        services.AddSingleton<AccountImporter>();
        services.AddSingleton<ReadingExporter>();
        if (options.MigrateOnStart) services.AddHostedService<MigrationHostedService>();
        if (options.AutoFill) services.AddHostedService<AutoFillService>();
        return services;
    }
}
