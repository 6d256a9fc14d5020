using IvrReadings.Domain;
using IvrReadings.Web.Staff;
using IvrReadings.Web.Tests.Support;
using Microsoft.Playwright;

namespace IvrReadings.Web.Tests.Browser;

/// <summary>Sessions in Chromium: a copied cookie after sign-out, HTTPS through a TLS proxy.</summary>
public abstract class SessionBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task After_signing_out_a_copy_of_the_old_cookie_no_longer_works()
    {
        await using var app = await ConsoleApp.StartAsync(provider: fixture.Provider);
        await StaffAdmin.AddAsync(Seed.OperatorLogin, StaffRole.Operator, Seed.Password, app.Services);
        var root = app.Address.ToString().TrimEnd('/');
        await using var mine = await fixture.Browser.NewContextAsync();
        var page = await mine.NewPageAsync();
        await page.SignInAsync(root);
        var copied = await mine.CookiesAsync();

        // Someone else's browser with the copied cookies is signed in, until the owner signs out.
        await using var thief = await fixture.Browser.NewContextAsync();
        await thief.AddCookiesAsync(copied.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, SameSite = c.SameSite }));
        var stolen = await thief.NewPageAsync();
        await stolen.GotoAsync(root + "/queue");
        Assert.Equal(root + "/queue", stolen.Url);

        await page.ClickAsync("#signout");
        await page.WaitForPageAsync(root + "/login");
        await stolen.GotoAsync(root + "/queue");
        Assert.StartsWith(root + "/login", stolen.Url, StringComparison.Ordinal);

        // The owner's own old cookie, put back, does not work either.
        await mine.AddCookiesAsync(copied.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, SameSite = c.SameSite }));
        await page.GotoAsync(root + "/calls");
        Assert.StartsWith(root + "/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_secure_cookies_staff_sign_in_and_review_through_a_tls_proxy()
    {
        await using var app = await ConsoleApp.StartAsync(new Dictionary<string, string?> { ["Console:SecureCookies"] = "true" }, fixture.Provider);
        await StaffAdmin.AddAsync(Seed.OperatorLogin, StaffRole.Operator, Seed.Password, app.Services);
        await DeskSeed.CreateAsync(app);
        await using var proxy = await TlsProxy.StartAsync(app.Address);
        var root = proxy.Address.ToString().TrimEnd('/');
        Assert.StartsWith("https://", root, StringComparison.Ordinal);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();

        var login = await page.GotoAsync(root + "/login");
        Assert.Equal(200, login!.Status);
        Assert.Equal("max-age=31536000", await login.HeaderValueAsync("strict-transport-security"));
        await page.SignInAsync(root);
        Assert.All(await context.CookiesAsync(), c => Assert.True(c.Secure, c.Name + " is Secure"));
        await page.GotoAsync(root + "/queue/" + DeskSeed.ClearCallId);
        await page.PressAsync("input.figure", "Enter");
        await page.WaitForPageAsync(root + "/queue/" + DeskSeed.AccountCallId);

        // The same console asked directly over plain HTTP explains itself instead of failing.
        var direct = await page.GotoAsync(app.Address.ToString().TrimEnd('/') + "/login");
        Assert.Equal(400, direct!.Status);
        Assert.NotNull(await page.QuerySelectorAsync("#https-required"));
    }
}

[Collection(BrowserCollection.Name)]
public sealed class SqliteSessionBrowserTests(BrowserFixture fixture) : SessionBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class PostgresSessionBrowserTests(PostgresBrowserFixture fixture) : SessionBrowserTests(fixture), INeedsPostgres;
