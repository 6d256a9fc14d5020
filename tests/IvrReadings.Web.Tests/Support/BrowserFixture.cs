using Microsoft.Playwright;

namespace IvrReadings.Web.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser), and a console of its own
/// so the browser scenario can change data without disturbing the other tests; on a SQLite file here, on PostgreSQL in
/// <see cref="PostgresBrowserFixture"/>.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private ConsoleApp? app;

    public IBrowser Browser { get; private set; } = null!;

    public ConsoleApp App => app ?? throw new InvalidOperationException("Not started.");

    public Seed Seed { get; private set; } = null!;

    /// <summary>The database the consoles of these tests run on: <see cref="TestDatabase.Sqlite"/> or <see cref="TestDatabase.Postgres"/>.</summary>
    public virtual string Provider => TestDatabase.Sqlite;

    public async Task InitializeAsync()
    {
        if (!TestDatabase.Available(Provider))
        {
            return; // every test of the collection is skipped with the reason (ProviderTestFramework)
        }

        app = await ConsoleApp.StartAsync(provider: Provider);
        Seed = await Seed.CreateAsync(app);
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: apt-get install -y chromium");
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

public sealed class PostgresBrowserFixture : BrowserFixture
{
    public override string Provider => TestDatabase.Postgres;
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

[CollectionDefinition(Name)]
public sealed class PostgresBrowserCollection : ICollectionFixture<PostgresBrowserFixture>
{
    public const string Name = "browser on postgres";
}
