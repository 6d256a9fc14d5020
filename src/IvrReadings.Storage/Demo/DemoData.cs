using IvrReadings.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Storage;

/// <summary>A few dozen realistic accounts for demos and the phone simulator (see docs/storage.md).</summary>
public static class DemoData
{
    /// <summary>Seeds only an empty database (no accounts). Returns true when it seeded.</summary>
    public static Task<bool> SeedAsync(IAccountStore accounts, IBillingStore billing, IReadingStore readings, TimeProvider time, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public static Task<bool> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return SeedAsync(services.GetRequiredService<IAccountStore>(), services.GetRequiredService<IBillingStore>(),
            services.GetRequiredService<IReadingStore>(), services.GetService<TimeProvider>() ?? TimeProvider.System, cancellationToken);
    }
}
