using Microsoft.Playwright;

namespace IvrReadings.Web.Tests.Support;

/// <summary>
/// Waiting for a page the way staff use it: its HTML parsed and its scripts run (the keyboard works), not its load
/// event. In clean-clone CI runs the load event after a form's redirect twice never came within 30 s (after sign-out,
/// and after a review's Alt+N) although the page was there; then once Playwright's wait for DOMContentLoaded after
/// sign-out timed out the same way, its log showing "load" and "networkidle" fired. So the page's state is read from
/// the document itself (<c>document.readyState</c> past "loading": parsed, its scripts run), polled, once the
/// navigation to <paramref name="url"/> is committed: no lifecycle event Chromium may not report is waited for.
/// </summary>
public static class Navigation
{
    public static async Task WaitForPageAsync(this IPage page, string url)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForURLAsync(url, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit }).ConfigureAwait(false);
        await page.WaitForFunctionAsync("() => document.readyState !== 'loading'", null,
            new PageWaitForFunctionOptions { PollingInterval = 50 }).ConfigureAwait(false);
    }
}
