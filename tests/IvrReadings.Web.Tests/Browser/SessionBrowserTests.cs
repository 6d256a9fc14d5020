using IvrReadings.Domain;
using IvrReadings.Storage;
using IvrReadings.Web.Staff;
using IvrReadings.Web.Tests.Support;
using Microsoft.Playwright;

namespace IvrReadings.Web.Tests.Browser;

/// <summary>Sessions in Chromium: a copied cookie after sign-out, HTTPS through a TLS proxy, one sign-in on two servers.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionBrowserTests(BrowserFixture fixture)
{
    private static async Task SignInAsync(IPage page, string root, string login = Seed.OperatorLogin)
    {
        await page.GotoAsync(root + "/login");
        await page.FillAsync("#login", login);
        await page.FillAsync("#password", Seed.Password);
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(root + "/");
    }

    [Fact]
    public async Task After_signing_out_a_copy_of_the_old_cookie_no_longer_works()
    {
        await using var app = await ConsoleApp.StartAsync();
        await StaffAdmin.AddAsync(Seed.OperatorLogin, StaffRole.Operator, Seed.Password, app.Services);
        var root = app.Address.ToString().TrimEnd('/');
        await using var mine = await fixture.Browser.NewContextAsync();
        var page = await mine.NewPageAsync();
        await SignInAsync(page, root);
        var copied = await mine.CookiesAsync();

        // Someone else's browser with the copied cookies is signed in, until the owner signs out.
        await using var thief = await fixture.Browser.NewContextAsync();
        await thief.AddCookiesAsync(copied.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, SameSite = c.SameSite }));
        var stolen = await thief.NewPageAsync();
        await stolen.GotoAsync(root + "/queue");
        Assert.Equal(root + "/queue", stolen.Url);

        await page.ClickAsync("#signout");
        await page.WaitForURLAsync(root + "/login");
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
        await using var app = await ConsoleApp.StartAsync(new Dictionary<string, string?> { ["Console:SecureCookies"] = "true" });
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
        await SignInAsync(page, root);
        Assert.All(await context.CookiesAsync(), c => Assert.True(c.Secure, c.Name + " is Secure"));
        await page.GotoAsync(root + "/queue/" + DeskSeed.ClearCallId);
        await page.PressAsync("input.figure", "Enter");
        await page.WaitForURLAsync(root + "/queue/" + DeskSeed.AccountCallId);

        // The same console asked directly over plain HTTP explains itself instead of failing.
        var direct = await page.GotoAsync(app.Address.ToString().TrimEnd('/') + "/login");
        Assert.Equal(400, direct!.Status);
        Assert.NotNull(await page.QuerySelectorAsync("#https-required"));
    }

    [PostgresFact]
    public async Task Two_servers_on_one_postgresql_share_a_sign_in_and_its_forms()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var postgres = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = database.ConnectionString,
        };
        await using var first = await ConsoleApp.StartAsync(postgres);
        await StaffAdmin.AddAsync(Seed.OperatorLogin, StaffRole.Operator, Seed.Password, first.Services);
        // The second server is the product itself in a process of its own, with its own home and working directories.
        await using var second = await ServeProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "postgres",
            ["Database__ConnectionString"] = database.ConnectionString,
            ["Organisation__TimeZone"] = "Europe/Moscow",
        });

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        var one = first.Address.ToString().TrimEnd('/');
        var two = second.Address.ToString().TrimEnd('/');
        await SignInAsync(page, one);
        Assert.NotEmpty(await first.Get<IDataProtectionKeyStore>().AllAsync(CancellationToken.None)); // the keys live in the database

        // Cookies belong to the host, not the port: the browser sends the first server's sign-in to the second.
        await page.GotoAsync(two + "/queue");
        Assert.Equal(two + "/queue", page.Url);
        Assert.Equal(Seed.OperatorLogin + " · оператор", (await page.TextContentAsync("#me"))?.Trim());

        // A form the first server rendered is accepted by the second (anti-forgery tokens), and the other way round.
        await page.GotoAsync(one + "/calls");
        var fromFirst = await page.InputValueAsync("header form[action='/language'] input[name='__af']");
        var accepted = await context.APIRequest.PostAsync(two + "/language", new APIRequestContextOptions
        {
            Form = FormOf(context.APIRequest, ("lang", "uk"), ("returnUrl", "/calls"), ("__af", fromFirst)),
            MaxRedirects = 0,
        });
        Assert.Equal(302, accepted.Status);
        await page.GotoAsync(two + "/calls");
        var fromSecond = await page.InputValueAsync("form[action='/logout'] input[name='__af']");
        var signedOut = await context.APIRequest.PostAsync(one + "/logout", new APIRequestContextOptions { Form = FormOf(context.APIRequest, ("__af", fromSecond)), MaxRedirects = 0 });
        Assert.Equal(302, signedOut.Status);

        // Signing out on the first ended the session on the second as well.
        await page.GotoAsync(two + "/queue");
        Assert.StartsWith(two + "/login", page.Url, StringComparison.Ordinal);
    }

    private static IFormData FormOf(IAPIRequestContext request, params (string Name, string Value)[] fields)
    {
        var data = request.CreateFormData();
        foreach (var (name, value) in fields)
        {
            data.Set(name, value);
        }

        return data;
    }
}
