using System.Diagnostics;
using IvrReadings.Domain;
using IvrReadings.Storage.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;

namespace IvrReadings.Storage.Tests;

public sealed class HostingTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        if (time is not null) services.AddSingleton(time);
        return services.AddIvrStorage(configuration).BuildServiceProvider();
    }

    [Fact]
    public async Task Configuration_keys_select_the_provider_and_the_organisation()
    {
        await using var db = new SqliteTestDatabase();
        await using var services = Build(new()
        {
            ["Database:Provider"] = "sqlite",
            ["Database:ConnectionString"] = db.Options.ConnectionString,
            ["Database:AutoFill"] = "false",
            ["Organisation:Name"] = "Коми энергосбыт",
            ["Organisation:WindowFirstDay"] = "18",
            ["Organisation:WindowLastDay"] = "20",
            ["Organisation:TimeZone"] = "Europe/Kyiv",
            ["Organisation:Language"] = "uk",
            ["Organisation:AccountDigitsMin"] = "8",
            ["Organisation:AccountDigitsMax"] = "9",
            ["Organisation:JumpFactor"] = "4",
        });
        var organisation = services.GetRequiredService<Organisation>();
        Assert.Equal(("Коми энергосбыт", 18, 20, "Europe/Kyiv", PromptLanguage.Uk, 8, 9, 4),
            (organisation.Name, organisation.Window.FirstDay, organisation.Window.LastDay, organisation.Window.TimeZoneId, organisation.Language,
                organisation.AccountDigitsMin, organisation.AccountDigitsMax, organisation.JumpFactor));
        var hosted = services.GetServices<IHostedService>().ToList();
        Assert.Single(hosted); // migrations on; auto-fill switched off

        foreach (var service in hosted) await service.StartAsync(default);
        Assert.True((await services.GetRequiredService<IDatabaseHealth>().CheckAsync(default)).Healthy);
        Assert.Equal(0, await services.GetRequiredService<IAccountStore>().CountAsync(default));
    }

    [Fact]
    public async Task An_unknown_provider_is_a_configuration_error()
    {
        await using var services = Build(new() { ["Database:Provider"] = "oracle" });
        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IAccountStore>());
        Assert.Contains("sqlite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_background_service_auto_fills_once_the_window_has_closed()
    {
        await using var db = new SqliteTestDatabase();
        var clock = new TestClock(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(3)));
        await using var services = Build(new() { ["Database:ConnectionString"] = db.Options.ConnectionString }, clock);
        await services.GetRequiredService<IBillingStore>().UpsertAsync(
            [new AccountImportRow("1234567", "addr", "", "E-1", MeterKind.Electricity, 1, 6, "", [100], new DateOnly(2026, 10, 20), null, 25)], default);
        var meter = (await services.GetRequiredService<IAccountStore>().FindAsync("1234567", default))!.Meters.Single();

        var hosted = services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted) await service.StartAsync(default);
        try
        {
            // The service runs on its own after start: waited for, 30 s at most on a loaded machine.
            IReadOnlyList<Reading> history = [];
            for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromSeconds(30) && history.Count == 0;)
            {
                await Task.Delay(50);
                history = await services.GetRequiredService<IReadingStore>().HistoryAsync(meter.Id, default);
            }

            var filled = Assert.Single(history);
            Assert.Equal((125L, SubmissionChannel.AutoFill, new BillingPeriod(2026, 11)), (filled.Value, filled.Channel, filled.Period));
        }
        finally
        {
            foreach (var service in hosted) await service.StopAsync(default);
        }
    }
}
