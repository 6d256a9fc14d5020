using System.Globalization;
using System.Text.RegularExpressions;
using IvrReadings.Domain;
using IvrReadings.Web.Tests.Support;

namespace IvrReadings.Web.Tests.Functional;

/// <summary>
/// Two consoles in one process (as the tests run them), each on its own database: each one's <c>/metrics</c> reports
/// its own store's gauges, whichever scraped first. Before the store's gauges sat on a meter of their host's own, both
/// hosts' gauges fed one series per name and the value of whichever was registered last won.
/// </summary>
public sealed class MetricsAcrossHostsTests
{
    [Fact]
    public async Task Each_console_reports_the_review_backlog_of_its_own_database()
    {
        await using var seeded = await ConsoleApp.StartAsync();
        await Seed.CreateAsync(seeded);
        await using var empty = await ConsoleApp.StartAsync();
        var backlog = await seeded.Get<IReviewStore>().CountAsync(CancellationToken.None);
        Assert.True(backlog > 0, "the seed queues calls for review");

        // The seeded console's gauges are registered first, the empty one's second, then both are read again.
        Assert.Equal(backlog, await BacklogAsync(seeded));
        Assert.Equal(0, await BacklogAsync(empty));
        Assert.Equal(backlog, await BacklogAsync(seeded));
        Assert.Equal(0, await BacklogAsync(empty));
    }

    private static async Task<long> BacklogAsync(ConsoleApp app)
    {
        using var client = new StaffClient(app.Address);
        var text = await client.Http.GetStringAsync("/metrics");
        var values = Regex.Matches(text, "(?m)^ivr_review_backlog_calls\\{[^}]*\\} (\\d+)").Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        return Assert.Single(values);
    }
}
