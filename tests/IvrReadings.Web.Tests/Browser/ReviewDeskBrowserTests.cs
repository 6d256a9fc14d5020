using System.Globalization;
using System.Text;
using IvrReadings.Domain;
using IvrReadings.Web.Staff;
using IvrReadings.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IvrReadings.Web.Tests.Browser;

/// <summary>The review desk in Chromium, from the keyboard alone: three kinds of call, a jump to confirm, two reviewers on one call.</summary>
public abstract class ReviewDeskBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static async Task<IPage> SignInAsync(IBrowserContext context, ConsoleApp app, string login)
    {
        var page = await context.NewPageAsync();
        await page.SignInAsync(app.Address.ToString().TrimEnd('/'), login);
        return page;
    }

    /// <summary>
    /// Whether a recording is playing (not paused, its time moving), waited for up to 30 s. Before: one look 300 ms after
    /// the key, which a loaded machine's fetch and start of the audio can take longer than.
    /// </summary>
    private static async Task<bool> PlayingAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('audio')].some(a => !a.paused && a.currentTime > 0)", null,
                new PageWaitForFunctionOptions { PollingInterval = 20, Timeout = 30_000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Keyboard_only_review_of_a_clear_call_a_call_needing_its_account_and_a_call_with_no_readings()
    {
        await using var app = await ConsoleApp.StartAsync(provider: fixture.Provider);
        await StaffAdmin.AddAsync(Seed.OperatorLogin, StaffRole.Operator, Seed.Password, app.Services);
        var desk = await DeskSeed.CreateAsync(app);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "ru-RU",
        });
        var page = await SignInAsync(context, app, Seed.OperatorLogin);
        var root = app.Address.ToString().TrimEnd('/');
        var robot = new DeskRobot(page);

        // The queue: Enter starts reviewing at the oldest call.
        await page.GotoAsync(root + "/queue");
        await Shot(page, "desk-queue");
        robot.Begin();
        await robot.PressAsync("Enter");
        await page.WaitForPageAsync(root + "/queue/" + DeskSeed.ClearCallId);
        robot.End("open the first call from the queue");

        // 1. Clear: listen (k), confirm (Enter). The cursor is already in the field the recording is about.
        robot.Begin();
        Assert.Equal(ReviewForms.Field(desk.WaterMeterId), await robot.AsideAsync(() => page.EvaluateAsync<string>("() => document.activeElement.name")));
        Assert.Equal("412", await robot.AsideAsync(() => page.InputValueAsync("#" + ReviewForms.Field(desk.WaterMeterId))));
        await robot.PressAsync("k");
        Assert.True(await robot.AsideAsync(() => PlayingAsync(page)), "k plays the recording beside the field");
        await robot.AsideAsync(async () => { await Shot(page, "desk-clear"); return 0; });
        await robot.PressAsync("Enter");
        await page.WaitForPageAsync(root + "/queue/" + DeskSeed.AccountCallId);
        robot.End("clear recording");

        // 2. The account was not understood: listen to it, type it, Enter shows its meters; listen to the readings, type, Enter.
        robot.Begin();
        Assert.Equal("account", await robot.AsideAsync(() => page.EvaluateAsync<string>("() => document.activeElement.name")));
        Assert.Contains("украинский", await robot.AsideAsync(() => page.TextContentAsync("#call-language")) ?? string.Empty, StringComparison.Ordinal);
        await robot.PressAsync("k");
        Assert.True(await robot.AsideAsync(() => PlayingAsync(page)));
        await robot.TypeAsync(DeskSeed.Account);
        await robot.PressAsync("Enter");
        await page.WaitForSelectorAsync("#meters");
        Assert.Equal(ReviewForms.Field(desk.WaterMeterId), await robot.AsideAsync(() => page.EvaluateAsync<string>("() => document.activeElement.name")));
        await robot.PressAsync("k"); // the recording of all readings at once: the one this field has
        Assert.True(await robot.AsideAsync(() => PlayingAsync(page)));
        await robot.AsideAsync(async () => { await Shot(page, "desk-account"); return 0; });
        await robot.TypeAsync(DeskSeed.AccountHeard.ToString(CultureInfo.InvariantCulture));
        await robot.PressAsync("Enter");
        await page.WaitForPageAsync(root + "/queue/" + DeskSeed.SilentCallId);
        robot.End("account needed");

        // 3. Nothing said: listen, Alt+N.
        robot.Begin();
        await robot.PressAsync("k");
        await robot.PressAsync("Alt+n");
        await page.WaitForPageAsync(root + "/queue?done=1");
        robot.End("no readings");
        Assert.NotNull(await page.QuerySelectorAsync("#queue-empty"));
        await Shot(page, "desk-done");

        // What was stored: the clear figure as the caller gave it (voice, confirmed by olga); the typed one as staff's.
        var readings = app.Get<IReadingStore>();
        var clear = (await readings.ForCallAsync(DeskSeed.ClearCallId, CancellationToken.None)).Single(r => r.Status == ReadingStatus.Accepted);
        Assert.Equal((DeskSeed.ClearHeard, SubmissionChannel.Voice, Seed.OperatorLogin), (clear.Value, clear.Channel, clear.EnteredBy));
        var typed = (await readings.ForCallAsync(DeskSeed.AccountCallId, CancellationToken.None)).Single();
        Assert.Equal((DeskSeed.AccountHeard, SubmissionChannel.Staff, ReadingFlags.StaffCorrected), (typed.Value, typed.Channel, typed.Flags));
        Assert.Equal(ReviewOutcome.NoReadings, (await app.Get<IReviewStore>().StateAsync(DeskSeed.SilentCallId, CancellationToken.None)).Outcome);

        // The target: a clear call in at most 3 keyboard actions, the next call opening by itself.
        Assert.True(robot.Items[1].Actions <= 3, $"a clear call took {robot.Items[1].Actions} actions");
        Report(robot);
    }

    [Fact]
    public async Task The_player_keys_seek_and_change_speed()
    {
        await using var app = await ConsoleApp.StartAsync(provider: fixture.Provider);
        await StaffAdmin.AddAsync(Seed.OperatorLogin, StaffRole.Operator, Seed.Password, app.Services);
        await DeskSeed.CreateAsync(app);
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await SignInAsync(context, app, Seed.OperatorLogin);
        await page.GotoAsync(app.Address.ToString().TrimEnd('/') + "/queue/" + DeskSeed.ClearCallId);
        await page.EvalOnSelectorAsync("audio", "a => new Promise(r => a.readyState >= 1 ? r() : a.addEventListener('loadedmetadata', () => r()))");
        await page.Keyboard.PressAsync("l");
        Assert.Equal(1.5, await page.EvalOnSelectorAsync<double>("audio", "a => a.currentTime"), precision: 1); // 3 s on, clamped to the end of 1.5 s
        await page.Keyboard.PressAsync("j");
        Assert.Equal(0, await page.EvalOnSelectorAsync<double>("audio", "a => a.currentTime"), precision: 1);
        await page.Keyboard.PressAsync(".");
        await page.Keyboard.PressAsync(".");
        Assert.Equal(1.5, await page.EvalOnSelectorAsync<double>("audio", "a => a.playbackRate"));
        Assert.Equal("1.5x", await page.TextContentAsync(".recording.current .speed"));
        for (var i = 0; i < 5; i++)
        {
            await page.Keyboard.PressAsync(",");
        }

        Assert.Equal(0.75, await page.EvalOnSelectorAsync<double>("audio", "a => a.playbackRate"));
        // The keys never typed letters into the figure.
        Assert.Equal("412", await page.InputValueAsync("input.figure"));
    }

    [Fact]
    public async Task A_correction_that_jumps_is_shown_with_the_finding_and_confirmed_with_a_second_enter()
    {
        await using var app = await ConsoleApp.StartAsync(provider: fixture.Provider);
        await StaffAdmin.AddAsync(Seed.OperatorLogin, StaffRole.Operator, Seed.Password, app.Services);
        var (electricity, _) = await ReviewForms.AccountAsync(app);
        var callId = await ReviewForms.QueuedCallAsync(app, (electricity, 45100));
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await SignInAsync(context, app, Seed.OperatorLogin);
        var root = app.Address.ToString().TrimEnd('/');
        await page.GotoAsync(root + "/queue/" + callId);

        var field = "#" + ReviewForms.Field(electricity);
        await page.FillAsync(field, "999999");
        await page.PressAsync(field, "Enter");
        await page.WaitForSelectorAsync(".finding[data-reason='LargeJump']");
        Assert.Contains("45012", await page.TextContentAsync(".finding[data-reason='LargeJump']") ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(field[1..], await page.EvaluateAsync<string>("() => document.activeElement.name"));
        await Shot(page, "desk-jump");
        Assert.DoesNotContain(await app.Get<IReadingStore>().HistoryAsync(electricity, CancellationToken.None), r => r.Value == 999999);

        await page.Keyboard.PressAsync("Enter");
        await page.WaitForPageAsync(root + "/queue?done=1");
        var stored = (await app.Get<IReadingStore>().HistoryAsync(electricity, CancellationToken.None)).Single(r => r.Value == 999999);
        Assert.True(stored.Flags.HasFlag(ReadingFlags.LargeJumpConfirmed));
    }

    [Fact]
    public async Task Two_reviewers_on_one_call_the_second_sees_who_has_it_takes_it_over_and_the_first_is_refused()
    {
        await using var app = await ConsoleApp.StartAsync(provider: fixture.Provider);
        await StaffAdmin.AddAsync(Seed.OperatorLogin, StaffRole.Operator, Seed.Password, app.Services);
        await StaffAdmin.AddAsync(Seed.SupervisorLogin, StaffRole.Supervisor, Seed.Password, app.Services);
        var (_, water) = await ReviewForms.AccountAsync(app);
        var callId = await ReviewForms.QueuedCallAsync(app, (water, 930));
        await using var olgasBrowser = await fixture.Browser.NewContextAsync();
        await using var samsBrowser = await fixture.Browser.NewContextAsync();
        var olga = await SignInAsync(olgasBrowser, app, Seed.OperatorLogin);
        var sam = await SignInAsync(samsBrowser, app, Seed.SupervisorLogin);
        var url = app.Address.ToString().TrimEnd('/') + "/queue/" + callId;

        await olga.GotoAsync(url);
        await sam.GotoAsync(url);
        Assert.Contains(Seed.OperatorLogin, await sam.TextContentAsync("#claimed") ?? string.Empty, StringComparison.Ordinal);
        Assert.True(await sam.IsDisabledAsync("#confirm"));
        await Shot(sam, "desk-claimed");

        await sam.ClickAsync("#take-over");
        await sam.WaitForSelectorAsync("#claim");
        Assert.False(await sam.IsDisabledAsync("#confirm"));

        // Olga, still on her page, confirms: refused, nothing stored; she sees who has it now.
        await olga.PressAsync("#" + ReviewForms.Field(water), "Enter");
        await olga.WaitForSelectorAsync("#claimed");
        Assert.Contains(Seed.SupervisorLogin, await olga.TextContentAsync("#claimed") ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.Get<IReadingStore>().HistoryAsync(water, CancellationToken.None), r => r.CallId == callId && r.Status == ReadingStatus.Accepted);

        await sam.FillAsync("#" + ReviewForms.Field(water), "931");
        await sam.PressAsync("#" + ReviewForms.Field(water), "Enter");
        await sam.WaitForSelectorAsync("#saved");
        Assert.Equal([931], (await app.Get<IReadingStore>().HistoryAsync(water, CancellationToken.None))
            .Where(r => r.CallId == callId && r.Status == ReadingStatus.Accepted).Select(r => r.Value));
    }

    [Fact]
    public async Task Without_javascript_the_desk_still_reviews_and_closes_calls()
    {
        await using var app = await ConsoleApp.StartAsync(provider: fixture.Provider);
        await StaffAdmin.AddAsync(Seed.OperatorLogin, StaffRole.Operator, Seed.Password, app.Services);
        var desk = await DeskSeed.CreateAsync(app);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await SignInAsync(context, app, Seed.OperatorLogin);
        var root = app.Address.ToString().TrimEnd('/');
        await page.GotoAsync(root + "/queue");
        await page.ClickAsync("#start");
        await page.WaitForPageAsync(root + "/queue/" + DeskSeed.ClearCallId);
        await page.ClickAsync("#confirm");
        await page.WaitForPageAsync(root + "/queue/" + DeskSeed.AccountCallId);
        await page.FillAsync("#account", DeskSeed.Account);
        await page.ClickAsync("#load");
        await page.FillAsync("#" + ReviewForms.Field(desk.WaterMeterId), "418");
        await page.ClickAsync("#confirm");
        await page.WaitForPageAsync(root + "/queue/" + DeskSeed.SilentCallId);
        await page.ClickAsync("#no-readings");
        await page.WaitForSelectorAsync("#queue-empty");
        Assert.Equal(0, await app.Get<IReviewStore>().CountAsync(CancellationToken.None));
    }

    private void Report(DeskRobot robot)
    {
        var text = new StringBuilder("review desk, keyboard only (Chromium, Playwright): actions and robot seconds per call, listening not included\n");
        foreach (var (item, actions, took) in robot.Items)
        {
            text.Append(CultureInfo.InvariantCulture, $"{item}: {actions} actions, {took.TotalSeconds:0.000} s\n");
        }

        output.WriteLine(text.ToString());
        File.WriteAllText(Path.Combine(Artifacts.Screenshots, "..", "review-desk.txt"), text.ToString());
    }

    private static async Task Shot(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, name + ".png"), FullPage = true });
}

[Collection(BrowserCollection.Name)]
public sealed class SqliteReviewDeskBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : ReviewDeskBrowserTests(fixture, output);

[Collection(PostgresBrowserCollection.Name)]
public sealed class PostgresReviewDeskBrowserTests(PostgresBrowserFixture fixture, ITestOutputHelper output) : ReviewDeskBrowserTests(fixture, output), INeedsPostgres;
