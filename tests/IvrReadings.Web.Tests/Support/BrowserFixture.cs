using Microsoft.Playwright;

namespace IvrReadings.Web.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser), and a console of its own
/// so the browser scenario can change data without disturbing the other tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private ConsoleApp? app;

    public IBrowser Browser { get; private set; } = null!;

    public ConsoleApp App => app ?? throw new InvalidOperationException("Not started.");

    public Seed Seed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        app = await ConsoleApp.StartAsync();
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

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
