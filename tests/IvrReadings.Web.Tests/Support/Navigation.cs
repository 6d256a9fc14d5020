using Microsoft.Playwright;

namespace IvrReadings.Web.Tests.Support;

/// <summary>
/// Waiting for a page the way staff use it: its HTML parsed and its scripts run (the keyboard works), not its load
/// event. In clean-clone CI runs the load event after a form's redirect twice never came within 30 s (after sign-out,
/// and after a review's Alt+N) although the page was there; nothing the tests check waits on late subresources.
/// </summary>
public static class Navigation
{
    public static Task WaitForPageAsync(this IPage page, string url)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.WaitForURLAsync(url, new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
    }
}
