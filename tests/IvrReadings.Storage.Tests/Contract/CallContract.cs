using IvrReadings.Domain;
using IvrReadings.Storage.Tests.Support;

namespace IvrReadings.Storage.Tests.Contract;

public abstract partial class StoreContract
{
    private Task StartCallAsync(string id, SubmissionChannel channel = SubmissionChannel.Keys, string? caller = "+78212000001", DateTimeOffset? at = null) =>
        Calls.StartAsync(new CallStart(id, channel, channel == SubmissionChannel.Voice ? "voice" : "readings", caller, PromptLanguage.Ru, at ?? Clock.GetUtcNow()), default);

    [StoreFact]
    public async Task A_call_is_logged_with_its_timeline()
    {
        var start = Clock.GetUtcNow();
        await StartCallAsync("1700000000.1", at: start);
        await StartCallAsync("1700000000.1", at: start.AddSeconds(5)); // a retried AGI session does not duplicate it
        await Calls.AppendAsync("1700000000.1", new CallEvent(start.AddSeconds(1), CallEventKind.PromptPlayed, "menu", "ivr/menu"), default);
        await Calls.AppendAsync("1700000000.1", new CallEvent(start.AddSeconds(3), CallEventKind.Keys, "menu", "2"), default);
        await Calls.AppendAsync("1700000000.1", new CallEvent(start.AddSeconds(9), CallEventKind.ReadingStored, "reading", "6116", """{"readingId":1}"""), default);
        await Calls.SetAccountAsync("1700000000.1", "1234567", default);
        await Calls.EndAsync("1700000000.1", CallOutcome.Accepted, "goodbye", start.AddSeconds(30), default);

        var call = await Calls.GetAsync("1700000000.1", default);
        Assert.Equal(new CallRecord("1700000000.1", SubmissionChannel.Keys, "readings", "+78212000001", PromptLanguage.Ru, start, start.AddSeconds(30),
            CallOutcome.Accepted, "goodbye", "1234567", null, null), call);
        var timeline = await Calls.TimelineAsync("1700000000.1", default);
        Assert.Equal([CallEventKind.PromptPlayed, CallEventKind.Keys, CallEventKind.ReadingStored], timeline.Select(e => e.Event.Kind));
        Assert.Equal("""{"readingId":1}""", timeline[2].Event.Data);
        Assert.True(timeline[0].Seq < timeline[1].Seq);
        Assert.Null(await Calls.GetAsync("nope", default));
    }

    [StoreFact]
    public async Task The_call_list_filters_and_pages_newest_first()
    {
        var meter = await MeterAsync(account: "5555555");
        var day = Clock.GetUtcNow();
        await StartCallAsync("c1", caller: "+7001", at: day.AddDays(-2));
        await Calls.EndAsync("c1", CallOutcome.Abandoned, "account", day.AddDays(-2), default);
        await StartCallAsync("c2", caller: "+7002", at: day.AddHours(-1));
        await Calls.SetAccountAsync("c2", "1234567", default);
        await Calls.EndAsync("c2", CallOutcome.Accepted, "goodbye", day, default);
        await StartCallAsync("c3", SubmissionChannel.Voice, caller: "+7001", at: day);
        await Readings.SubmitAsync(Keyed(meter, 1, callId: "c3"), default); // account known only through its reading

        Assert.Equal(["c3", "c2", "c1"], (await Calls.ListAsync(new CallFilter(), default)).Calls.Select(c => c.CallId));
        Assert.Equal(["c3", "c2"], (await Calls.ListAsync(new CallFilter(From: day.AddDays(-1)), default)).Calls.Select(c => c.CallId));
        Assert.Equal(["c1"], (await Calls.ListAsync(new CallFilter(To: day.AddDays(-1)), default)).Calls.Select(c => c.CallId));
        Assert.Equal(["c3", "c1"], (await Calls.ListAsync(new CallFilter(CallerNumber: "+7001"), default)).Calls.Select(c => c.CallId));
        Assert.Equal(["c2"], (await Calls.ListAsync(new CallFilter(AccountNumber: "1234567"), default)).Calls.Select(c => c.CallId));
        Assert.Equal(["c3"], (await Calls.ListAsync(new CallFilter(AccountNumber: "5555555"), default)).Calls.Select(c => c.CallId));
        Assert.Equal(["c1"], (await Calls.ListAsync(new CallFilter(Outcome: CallOutcome.Abandoned), default)).Calls.Select(c => c.CallId));
        var page = await Calls.ListAsync(new CallFilter(Skip: 1, Take: 1), default);
        Assert.Equal((3, "c2"), (page.Total, page.Calls.Single().CallId));
    }

    [StoreFact]
    public async Task Dashboard_counts_today_and_the_period()
    {
        var meter = await MeterAsync();
        var query = DashboardQuery.For(Organisation, Clock.GetUtcNow());
        await StartCallAsync("today-1");
        await Calls.EndAsync("today-1", CallOutcome.Abandoned, "account", Clock.GetUtcNow(), default);
        await StartCallAsync("today-2", SubmissionChannel.Voice);
        await Calls.EndAsync("today-2", CallOutcome.Partial, "meter", Clock.GetUtcNow(), default);
        await StartCallAsync("earlier", at: query.TodayFrom.AddDays(-3));
        await Calls.EndAsync("earlier", CallOutcome.Abandoned, "account", query.TodayFrom.AddDays(-3), default);
        await StartCallAsync("last-month", at: query.PeriodFrom.AddDays(-1));
        await Readings.SubmitAsync(Keyed(meter, 1, callId: "today-1"), default);
        await Readings.SubmitAsync(Keyed(meter, 2, channel: SubmissionChannel.Voice, status: ReadingStatus.NeedsReview, callId: "today-2"), default);
        await Readings.SubmitAsync(Keyed(meter, 3, at: query.TodayFrom.AddDays(-3)), default);

        var dashboard = await Reports.DashboardAsync(query, default);
        Assert.Equal(1, dashboard.CallsToday[SubmissionChannel.Keys]);
        Assert.Equal(1, dashboard.CallsToday[SubmissionChannel.Voice]);
        Assert.Equal(2, dashboard.CallsThisPeriod[SubmissionChannel.Keys]);
        Assert.Equal(1, dashboard.ReadingsToday[SubmissionChannel.Keys]);
        Assert.Equal(2, dashboard.ReadingsThisPeriod[SubmissionChannel.Keys]);
        Assert.Equal(1, dashboard.ReadingsThisPeriod[SubmissionChannel.Voice]);
        Assert.Equal([new DropOff("account", 2), new DropOff("meter", 1)], dashboard.DropOffs);
        Assert.Equal(1, dashboard.ReviewBacklog);
    }
}
