using System.Globalization;
using IvrReadings.Web.Tests.Support;
using Microsoft.Playwright;

namespace IvrReadings.Web.Tests.Browser;

/// <summary>What a supervisor does in a real browser: sign in, review a call by ear, correct it, check the account, export.</summary>
public abstract class StaffScenarioTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Sign_in_review_by_ear_correct_check_history_and_export()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
        });
        var page = await context.NewPageAsync();
        var cspViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                cspViolations.Add(message.Text);
            }
        };
        var baseUrl = fixture.App.Address.ToString().TrimEnd('/');

        // Sign in: an anonymous visit to the queue lands on the sign-in page, and back on the queue after it.
        await page.GotoAsync(baseUrl + "/queue");
        Assert.EndsWith("/login?returnUrl=%2Fqueue", page.Url, StringComparison.Ordinal);
        await Shot(page, "login");
        await page.FillAsync("#login", Seed.SupervisorLogin);
        await page.FillAsync("#password", Seed.Password);
        await page.ClickAsync("#signin");
        await page.WaitForPageAsync(baseUrl + "/queue");
        Assert.Equal("1", await page.TextContentAsync("#backlog"));
        await Shot(page, "queue");

        // Open the call and play its recording.
        await page.ClickAsync($"tr[data-call='{Seed.VoiceCallId}'] a.review");
        await page.WaitForPageAsync(baseUrl + "/queue/" + Seed.VoiceCallId);
        var duration = await page.EvalOnSelectorAsync<double>("audio",
            "a => new Promise(r => a.readyState >= 1 ? r(a.duration) : a.addEventListener('loadedmetadata', () => r(a.duration)))");
        Assert.Equal(Seed.RecordingSeconds, duration, precision: 2);
        var seekableEnd = await page.EvalOnSelectorAsync<double>("audio", "a => a.seekable.length ? a.seekable.end(0) : 0");
        Assert.Equal(Seed.RecordingSeconds, seekableEnd, precision: 2); // range requests: the whole file is seekable
        var position = await page.EvalOnSelectorAsync<double>("audio",
            "a => new Promise(r => { a.currentTime = 1.5; a.addEventListener('seeked', () => r(a.currentTime), { once: true }); })");
        Assert.Equal(1.5, position, precision: 1);
        // Played until its time moves past where it was sought to (30 s at most; before: a fixed 400 ms, which a loaded
        // machine's audio start can take).
        var played = await page.EvalOnSelectorAsync<double>("audio", """
            a => a.play().then(() => new Promise(r => {
                const started = Date.now();
                const look = () => a.currentTime > 1.5 || Date.now() - started > 30000 ? (a.pause(), r(a.currentTime)) : setTimeout(look, 20);
                look();
            }), () => -1)
            """);
        Assert.True(played is -1 or > 1.5, "currentTime after play: " + played.ToString(CultureInfo.InvariantCulture));
        Assert.Contains("15180", await page.TextContentAsync("body") ?? string.Empty, StringComparison.Ordinal);
        await Shot(page, "review");

        // Correct the figure the machine was unsure of and confirm.
        var field = $"#v_{fixture.Seed.ElectricityMeterId}_Day";
        Assert.Equal("15100", await page.InputValueAsync(field));
        await page.FillAsync(field, "15120");
        await page.FillAsync($"#v_{fixture.Seed.ElectricityMeterId}_Night", "7010"); // a two-zone meter is confirmed whole
        await page.ClickAsync("#confirm");
        await page.WaitForSelectorAsync("#saved"); // the next call would open by itself; there is none
        Assert.Equal("0", await page.TextContentAsync("#backlog"));
        await Shot(page, "queue-done");

        // The account's history shows the staff reading, who confirmed it, and keeps the machine's.
        await page.GotoAsync(baseUrl + "/accounts/" + Seed.Account);
        var staffRow = page.Locator("table.readings tr", new PageLocatorOptions { HasText = "15120" });
        Assert.Equal(Seed.SupervisorLogin, (await staffRow.Locator("td.by").TextContentAsync())?.Trim());
        Assert.Equal(1, await page.Locator("table.readings tr", new PageLocatorOptions { HasText = "15100" }).CountAsync());
        await Shot(page, "account");

        // Export: a real download of the billing CSV.
        await page.GotoAsync(baseUrl + "/export");
        await Shot(page, "export");
        await page.FillAsync("#period", fixture.Seed.Period.ToString());
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"));
        Assert.Equal($"readings-{fixture.Seed.Period}.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("15120", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("15100", csv, StringComparison.Ordinal);

        // The other main pages, for the eye.
        await page.GotoAsync(baseUrl + "/");
        Assert.True(await page.Locator("svg").CountAsync() >= 4);
        await Shot(page, "dashboard");
        await page.GotoAsync(baseUrl + "/calls");
        await Shot(page, "calls");
        await page.GotoAsync(baseUrl + "/calls/" + Seed.VoiceCallId);
        await Shot(page, "call");
        await page.GotoAsync(baseUrl + "/staff");
        await Shot(page, "staff");

        // Language switch, then sign out.
        await page.ClickAsync("header button[value='uk']");
        await page.WaitForSelectorAsync("html[lang='uk']");
        Assert.Contains("Співробітники", await page.TextContentAsync("h1") ?? string.Empty, StringComparison.Ordinal);
        await page.ClickAsync("header button[value='en']");
        await page.WaitForSelectorAsync("html[lang='en']");
        await page.GotoAsync(baseUrl + "/");
        await Shot(page, "dashboard-en");
        await page.ClickAsync("#signout");
        // The sign-in form is what staff see (see Navigation).
        await page.WaitForPageAsync(baseUrl + "/login");
        await page.WaitForSelectorAsync("#login");

        Assert.Empty(cspViolations);
    }

    private static async Task Shot(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, name + ".png"), FullPage = true });
}

[Collection(BrowserCollection.Name)]
public sealed class SqliteStaffScenarioTests(BrowserFixture fixture) : StaffScenarioTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class PostgresStaffScenarioTests(PostgresBrowserFixture fixture) : StaffScenarioTests(fixture), INeedsPostgres;
