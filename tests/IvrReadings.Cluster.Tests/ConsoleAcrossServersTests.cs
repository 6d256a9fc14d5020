using System.Net;
using IvrReadings.Cluster.Tests.Support;
using IvrReadings.Domain;
using IvrReadings.Testing;
using IvrReadings.Web.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Cluster.Tests;

/// <summary>
/// The review desk on two real servers on one PostgreSQL: one reviewer per call, whichever server each member of staff
/// is on (the claims are in the database). One sign-in for both servers is the browser test's
/// (IvrReadings.Web.Tests, TwoServersBrowserTests); here each reviewer signs in where they work.
/// </summary>
public sealed class ConsoleAcrossServersTests : INeedsPostgres
{
    private const string Operator = "olga";
    private const string Supervisor = "sam";
    private const string Password = "correct horse 42";

    [StoreFact]
    public async Task Reviewers_on_two_servers_never_get_the_same_call_and_a_call_taken_over_on_one_is_refused_on_the_other()
    {
        var queued = new List<string>();
        await using var servers = await TwoServers.StartAsync(async stores =>
        {
            await Flat.SeedAsync(stores);
            Assert.Equal(StaffAddResult.Added, await StaffAdmin.AddAsync(Operator, StaffRole.Operator, Password, stores));
            Assert.Equal(StaffAddResult.Added, await StaffAdmin.AddAsync(Supervisor, StaffRole.Supervisor, Password, stores));
            queued.Add(await QueuedVoiceCallAsync(stores, minutesAgo: 20));
            queued.Add(await QueuedVoiceCallAsync(stores, minutesAgo: 10));
        });
        using var olgaOnA = new ConsoleClient(servers.A.Console);
        using var samOnB = new ConsoleClient(servers.B.Console);
        Assert.True(await olgaOnA.SignInAsync(Operator, Password));
        Assert.True(await samOnB.SignInAsync(Supervisor, Password));

        // Both press "next" at the same moment, each on their own server: two calls, one each.
        var next = await Task.WhenAll(olgaOnA.RedirectAsync("/queue/next"), samOnB.RedirectAsync("/queue/next"));
        var olgas = CallOf(next[0]);
        var sams = CallOf(next[1]);
        Assert.NotEqual(olgas, sams);
        Assert.Equal(queued.Order(), new[] { olgas, sams }.Order());

        // Olga opens Sam's call on A: held by Sam; closing it from A is refused and stores nothing.
        var (_, samsOnA) = await olgaOnA.GetAsync($"/queue/{sams}");
        Assert.Contains("id=\"claimed\"", samsOnA, StringComparison.Ordinal);
        Assert.Contains(Supervisor, samsOnA, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, await olgaOnA.PostFormAsync($"/queue/{sams}", tokenFrom: "/queue", NoReadings));
        Assert.Equal(0, (await servers.Get<IReviewStore>().StateAsync(sams, CancellationToken.None)).Version);

        // Sam takes Olga's call over on B; on A, Olga finds it held by Sam, and her answer is refused.
        Assert.Equal(HttpStatusCode.Redirect, await samOnB.PostFormAsync($"/queue/{olgas}/claim", tokenFrom: "/queue"));
        var (_, olgasAgain) = await olgaOnA.GetAsync($"/queue/{olgas}");
        Assert.Contains("id=\"claimed\"", olgasAgain, StringComparison.Ordinal);
        Assert.Contains(Supervisor, olgasAgain, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, await olgaOnA.PostFormAsync($"/queue/{olgas}", tokenFrom: "/queue", NoReadings));

        // Sam closes both on B; A's queue has nothing left for Olga, and both reviews are Sam's.
        foreach (var callId in queued)
        {
            Assert.Equal(HttpStatusCode.Redirect, await samOnB.PostFormAsync($"/queue/{callId}", tokenFrom: "/queue", NoReadings));
            var state = await servers.Get<IReviewStore>().StateAsync(callId, CancellationToken.None);
            Assert.Equal((ReviewOutcome.NoReadings, Supervisor), (state.Outcome, state.ReviewedBy));
        }

        Assert.Equal("/queue?done=1", await olgaOnA.RedirectAsync("/queue/next"));
    }

    private static Dictionary<string, string> NoReadings => new() { ["outcome"] = nameof(ReviewOutcome.NoReadings), ["version"] = "0" };

    private static string CallOf(string location) =>
        location.StartsWith("/queue/", StringComparison.Ordinal) && !location.Contains('?', StringComparison.Ordinal)
            ? Uri.UnescapeDataString(location["/queue/".Length..])
            : throw new Xunit.Sdk.XunitException("\"next\" gave no call: " + location);

    /// <summary>A voice call about the flat that the machine was unsure of: in the review queue.</summary>
    private static async Task<string> QueuedVoiceCallAsync(IServiceProvider stores, int minutesAgo)
    {
        var callId = "rv-" + Guid.NewGuid().ToString("N")[..10];
        var calls = stores.GetRequiredService<ICallLog>();
        var started = DateTimeOffset.UtcNow.AddMinutes(-minutesAgo);
        var water = (await stores.GetRequiredService<IAccountStore>().FindAsync(Flat.Account, CancellationToken.None))!.Meters.Single(m => m.Serial == "CW-200");
        await calls.StartAsync(new CallStart(callId, SubmissionChannel.Voice, "voice", "+79001230000", PromptLanguage.Ru, started), CancellationToken.None);
        await calls.SetAccountAsync(callId, Flat.Account, CancellationToken.None);
        await stores.GetRequiredService<IReadingStore>().SubmitAsync(new NewReading(water.Id, Zone.Total, 110, Flat.Period, started.AddMinutes(1),
            SubmissionChannel.Voice, ReadingStatus.NeedsReview, CallId: callId), CancellationToken.None);
        await calls.EndAsync(callId, CallOutcome.NeedsReview, "ReadingListen", started.AddMinutes(2), CancellationToken.None);
        return callId;
    }
}
