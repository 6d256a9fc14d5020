using IvrReadings.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Cluster.Tests.Support;

/// <summary>The flat the calls dial into: account 1234567, a two-zone electricity meter and two cold-water meters, billed last month.</summary>
public static class Flat
{
    public const string Account = "1234567";

    /// <summary>This month, in the organisation's time zone: the period the calls submit to.</summary>
    public static BillingPeriod Period => BillingPeriod.Of(TwoServers.Organisation.Window.LocalDate(TimeProvider.System.GetUtcNow()));

    public static Task SeedAsync(IServiceProvider stores)
    {
        var billed = new DateOnly(Period.Previous().Year, Period.Previous().Month, 10);
        List<AccountImportRow> rows =
        [
            new(Account, "ул. Ленина, 1, кв. 2", "Иванов И. И.", "EL-100", MeterKind.Electricity, 2, 6, "", [6000, 2000], billed, null, null),
            new(Account, "ул. Ленина, 1, кв. 2", "Иванов И. И.", "CW-200", MeterKind.ColdWater, 1, 5, "кухня", [100], billed, null, null),
            new(Account, "ул. Ленина, 1, кв. 2", "Иванов И. И.", "CW-300", MeterKind.ColdWater, 1, 5, "ванная", [50], billed, null, null),
        ];
        return stores.GetRequiredService<IBillingStore>().UpsertAsync(rows, CancellationToken.None);
    }
}
