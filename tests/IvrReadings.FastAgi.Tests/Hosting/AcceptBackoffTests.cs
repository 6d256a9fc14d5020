namespace IvrReadings.FastAgi.Tests.Hosting;

public sealed class AcceptBackoffTests
{
    [Fact]
    public void A_burst_of_failed_accepts_waits_longer_each_time_up_to_a_second_and_is_logged_once()
    {
        var backoff = new AcceptBackoff();
        var logged = 0;
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 12; i++)
        {
            if (backoff.Failed(out var wait)) logged++;
            waits.Add(wait);
        }

        Assert.Equal(1, logged);
        Assert.Equal(TimeSpan.FromMilliseconds(10), waits[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(20), waits[1]);
        Assert.All(waits.Zip(waits.Skip(1)), pair => Assert.True(pair.Second >= pair.First));
        Assert.Equal(TimeSpan.FromSeconds(1), waits[^1]);
        // Twelve retries in a burst take seconds, not a spin of thousands a second.
        Assert.True(waits.Sum(w => w.TotalMilliseconds) > 5_000);
    }

    [Fact]
    public void The_accept_that_ends_a_burst_reports_it_and_the_next_burst_starts_short_and_is_logged_again()
    {
        var backoff = new AcceptBackoff();
        Assert.False(backoff.Succeeded(out _, out _));
        for (var i = 0; i < 5; i++) backoff.Failed(out _);

        Assert.True(backoff.Succeeded(out var failures, out var failingMs));
        Assert.Equal(5, failures);
        Assert.True(failingMs >= 0);
        Assert.False(backoff.Succeeded(out _, out _));

        Assert.True(backoff.Failed(out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(10), wait);
    }
}
