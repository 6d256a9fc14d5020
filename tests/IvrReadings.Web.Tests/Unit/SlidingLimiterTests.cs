using IvrReadings.Web.Security;

namespace IvrReadings.Web.Tests.Unit;

/// <summary>The sign-in limits' own limiter: the limit holds in any window, refills as attempts age out, with no timer.</summary>
public sealed class SlidingLimiterTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void The_limit_holds_in_any_minute_and_comes_back_as_attempts_age_out()
    {
        var clock = new SteppedClock();
        var limiter = new SlidingLimiter(3, Minute, clock);
        Assert.True(limiter.TryAcquire("ivanova"));
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(limiter.TryAcquire("ivanova"));
        Assert.True(limiter.TryAcquire("ivanova"));
        Assert.False(limiter.TryAcquire("ivanova"));

        // 59 s after the first attempt, three are still inside the minute; refused attempts are not counted.
        clock.Advance(TimeSpan.FromSeconds(39));
        Assert.False(limiter.TryAcquire("ivanova"));
        // At 60 s the first has left the minute: one more, and only one.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAcquire("ivanova"));
        Assert.False(limiter.TryAcquire("ivanova"));
        // The two made at 20 s leave at 80 s.
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(limiter.TryAcquire("ivanova"));
        Assert.True(limiter.TryAcquire("ivanova"));
        Assert.False(limiter.TryAcquire("ivanova"));
    }

    [Fact]
    public void Keys_are_limited_apart()
    {
        var limiter = new SlidingLimiter(2, Minute, new SteppedClock());
        Assert.True(limiter.TryAcquire("a"));
        Assert.True(limiter.TryAcquire("a"));
        Assert.False(limiter.TryAcquire("a"));
        Assert.True(limiter.TryAcquire("b"));
        Assert.True(limiter.TryAcquire("A"));
    }

    [Fact]
    public void A_burst_from_many_threads_gets_exactly_the_limit()
    {
        var limiter = new SlidingLimiter(10, Minute, new SteppedClock());
        var granted = 0;
        Parallel.For(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            if (limiter.TryAcquire("target")) Interlocked.Increment(ref granted);
        });
        Assert.Equal(10, granted);
    }

    [Fact]
    public void Keys_whose_attempts_left_the_window_are_swept_while_others_keep_their_count()
    {
        var clock = new SteppedClock();
        var limiter = new SlidingLimiter(2, Minute, clock);
        Assert.True(limiter.TryAcquire("held"));
        Assert.True(limiter.TryAcquire("held"));
        for (var i = 0; i < 3000; i++)
        {
            limiter.TryAcquire("made-up-" + i);
            if (i == 1500) clock.Advance(TimeSpan.FromSeconds(30));
        }

        // A minute after the first 1,500 made-up logins, new ones sweep them out: the table stays near what a minute holds.
        clock.Advance(TimeSpan.FromSeconds(31));
        for (var i = 0; i < 3000; i++)
        {
            limiter.TryAcquire("later-" + i);
        }

        Assert.InRange(limiter.Count, 3000, 4600);
        // "held" made its two attempts 61 s ago: swept or not, it may try again, twice.
        Assert.True(limiter.TryAcquire("held"));
        Assert.True(limiter.TryAcquire("held"));
        Assert.False(limiter.TryAcquire("held"));
    }

    /// <summary>A clock the test moves.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
