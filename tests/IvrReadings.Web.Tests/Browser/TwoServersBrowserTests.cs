using IvrReadings.Domain;
using IvrReadings.Storage;
using IvrReadings.Testing;
using IvrReadings.Web.Staff;
using IvrReadings.Web.Tests.Support;
using Microsoft.Playwright;

namespace IvrReadings.Web.Tests.Browser;

/// <summary>Two consoles on one PostgreSQL: one sign-in and one set of forms for both (the keys are in the database).</summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoServersBrowserTests(BrowserFixture fixture) : INeedsPostgres
{
    [StoreFact]
    public async Task Two_servers_on_one_postgresql_share_a_sign_in_and_its_forms()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var postgres = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = database.Options.ConnectionString,
        };
        await using var first = await ConsoleApp.StartAsync(postgres);
        await StaffAdmin.AddAsync(Seed.OperatorLogin, StaffRole.Operator, Seed.Password, first.Services);
        // The second server is the product itself in a process of its own, with its own home and working directories.
        var home = Directory.CreateTempSubdirectory("ivr-home-");
        await using var second = ServerProcess.Start("second", database.Options, new Dictionary<string, string>
        {
            ["HOME"] = home.FullName,
            ["Organisation__TimeZone"] = "Europe/Moscow",
        });
        await second.WaitHealthyAsync();

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        var one = first.Address.ToString().TrimEnd('/');
        var two = second.Console.ToString().TrimEnd('/');
        await page.SignInAsync(one);
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
        home.Delete(recursive: true);
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
