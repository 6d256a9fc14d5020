namespace IvrReadings.FastAgi.Tests.Hosting;

public sealed class ConnectionBookTests
{
    private const long Second = 1000;

    [Fact]
    public void A_flood_faster_than_evicted_connections_end_never_refuses_a_call_while_idle_ones_can_make_room()
    {
        // Budget 4, no pending cap: at the budget the oldest idle connection makes room. None of the evicted ones has
        // ended yet (their handlers are slower than the flood), which is what refused a real call in CI.
        var evicted = new List<string>();
        var book = new ConnectionBook<string>(budget: 4, maxPending: int.MaxValue, evictAge: Second, close: evicted.Add);
        for (var i = 0; i < 100; i++)
        {
            Assert.NotNull(book.Admit($"idle {i}", now: i));
        }

        Assert.Equal(Enumerable.Range(0, 96).Select(i => $"idle {i}"), evicted);
        Assert.Equal(4, book.Open);

        var call = book.Admit("call", now: 100);
        Assert.NotNull(call);
        Assert.Equal("idle 96", evicted[^1]);
        book.Identified(call);
        Assert.Equal(4, book.Open);
    }

    [Fact]
    public void An_evicted_connection_counts_once_when_its_handler_ends_later()
    {
        var emptied = 0;
        var evicted = new List<string>();
        var book = new ConnectionBook<string>(budget: 2, maxPending: int.MaxValue, evictAge: Second, close: evicted.Add, emptied: () => emptied++);
        var first = book.Admit("first", 0)!;
        var second = book.Admit("second", 1)!;
        var third = book.Admit("third", 2)!;
        Assert.Equal(["first"], evicted);
        Assert.Equal(2, book.Open);

        book.Ended(first); // already released at eviction: the count does not drop again
        Assert.Equal(2, book.Open);
        book.Ended(second);
        Assert.Equal(1, book.Open);
        Assert.Equal(0, emptied);
        book.Ended(third);
        book.Ended(third);
        Assert.Equal(0, book.Open);
        Assert.Equal(1, emptied); // what lets a stopping server know its connections have drained
    }

    [Fact]
    public void At_the_budget_with_every_connection_a_call_a_new_one_is_refused_and_nothing_is_evicted()
    {
        var evicted = new List<string>();
        var book = new ConnectionBook<string>(budget: 3, maxPending: int.MaxValue, evictAge: Second, close: evicted.Add);
        var calls = Enumerable.Range(0, 3).Select(i => book.Admit($"call {i}", i)!).ToList();
        calls.ForEach(book.Identified);

        Assert.Null(book.Admit("one too many", 10));
        Assert.Empty(evicted);
        Assert.Equal(3, book.Open);

        book.Ended(calls[0]);
        Assert.NotNull(book.Admit("after a call ended", 11));
        Assert.Empty(evicted);
    }

    [Fact]
    public void Past_the_pending_cap_only_connections_idle_for_the_evict_age_make_room()
    {
        var evicted = new List<string>();
        var book = new ConnectionBook<string>(budget: 100, maxPending: 2, evictAge: Second, close: evicted.Add);
        book.Admit("old", 0);
        book.Admit("young", Second - 10);

        // "old" is 0.99 s idle: a burst of real calls connecting together may exceed the cap.
        book.Admit("burst", Second - 5);
        Assert.Empty(evicted);
        Assert.Equal(3, book.Open);

        book.Admit("later", Second);
        Assert.Equal(["old"], evicted);
        Assert.Equal(3, book.Open);
    }

    [Fact]
    public void A_calls_second_connection_counts_like_a_call_takes_an_idle_ones_place_and_is_never_evicted()
    {
        var evicted = new List<string>();
        var book = new ConnectionBook<string>(budget: 2, maxPending: int.MaxValue, evictAge: Second, close: evicted.Add);
        book.Identified(book.Admit("call", 0)!);
        book.Admit("idle", 1);

        // A young idle connection makes room too: at the budget age does not matter.
        var stream = book.AdmitCall("stream", 2);
        Assert.NotNull(stream);
        Assert.Equal(["idle"], evicted);
        Assert.Equal(2, book.Open);

        // Every connection a call: the next stream is refused, and a new idle one finds nothing to evict either.
        Assert.Null(book.AdmitCall("second stream", 3));
        Assert.Null(book.Admit("idle 2", 4));
        Assert.Equal(["idle"], evicted);

        book.Ended(stream);
        Assert.Equal(1, book.Open);
        Assert.NotNull(book.AdmitCall("third stream", 5));
    }

    [Fact]
    public void A_pending_connection_that_leaves_stops_counting_once_and_an_evicted_one_cannot_leave()
    {
        // The AudioSocket listener's use: connections still to name their stream, capped at the budget.
        var evicted = new List<string>();
        var book = new ConnectionBook<string>(budget: 2, maxPending: int.MaxValue, evictAge: Second, close: evicted.Add);
        var first = book.Admit("first", 0)!;
        var second = book.Admit("second", 1)!;
        var third = book.Admit("third", 2)!;
        Assert.Equal(["first"], evicted);

        Assert.False(book.Leave(first)); // evicted: its socket is being closed, it is no stream to hand over
        Assert.True(book.Leave(second)); // named: handed over, out of the book
        Assert.False(book.Leave(second));
        Assert.Equal(1, book.Open);
        Assert.NotNull(book.Admit("fourth", 3));
        Assert.Equal(["first"], evicted); // a place was free: nothing closed
        Assert.True(book.Leave(third));
    }
}
