using Microsoft.Playwright;

namespace IvrReadings.Web.Tests.Support;

/// <summary>Signing in on the console's sign-in page, as a person does, in a real browser.</summary>
public static class BrowserSignIn
{
    /// <summary>Signs in on <paramref name="root"/> (scheme, host and port) and waits for the dashboard.</summary>
    public static async Task SignInAsync(this IPage page, string root, string login = Seed.OperatorLogin)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(root + "/login");
        await page.FillAsync("#login", login);
        await page.FillAsync("#password", Seed.Password);
        await page.ClickAsync("#signin");
        // The form's redirect, waited for as every other (Navigation: no load event, which CI runs saw go missing after a
        // form's redirect three times; this wait took it by default).
        await page.WaitForPageAsync(root + "/");
    }
}
