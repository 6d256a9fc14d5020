using System.Net;
using System.Text.RegularExpressions;
using IvrReadings.Domain;
using IvrReadings.Web.Tests.Support;

namespace IvrReadings.Web.Tests.Functional;

/// <summary>What staff see around the review desk: languages, the queue at a glance, call search and export, the script and icon.</summary>
public abstract partial class ConsolePagesTests(ConsoleFixture fixture)
{
    [Theory]
    [InlineData("uk-UA,uk;q=0.9,en;q=0.5", "uk", "Вхід")]
    [InlineData("de-DE,en;q=0.7,ru;q=0.3", "en", "Sign in")]
    [InlineData("ru;q=0, en", "en", "Sign in")]
    [InlineData("fr", "ru", "Вход")]
    public async Task The_sign_in_page_speaks_the_browsers_language(string acceptLanguage, string expected, string title)
    {
        using var client = new StaffClient(fixture.App.Address);
        var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.Add("Accept-Language", acceptLanguage);
        var html = await (await client.Http.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains($"<html lang=\"{expected}\">", html, StringComparison.Ordinal);
        Assert.Contains(title, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_can_be_switched_on_the_sign_in_page_and_the_choice_beats_the_browser()
    {
        using var client = new StaffClient(fixture.App.Address);
        client.Http.DefaultRequestHeaders.Add("Accept-Language", "en");
        var token = await client.TokenAsync("/login");
        var switched = await client.PostFormAsync("/language", new Dictionary<string, string> { ["lang"] = "uk", ["returnUrl"] = "/login", ["__af"] = token });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("<html lang=\"uk\">", await client.Http.GetStringAsync("/login"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Our_script_and_icon_are_served_from_our_origin_and_pages_hold_no_inline_script()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.SupervisorLogin);
        foreach (var path in new[] { "/login", "/", "/queue", $"/queue/{Seed.VoiceCallId}", "/calls", $"/calls/{Seed.VoiceCallId}", "/staff", "/audit", "/me" })
        {
            var html = await client.Http.GetStringAsync(path);
            var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
            Assert.Single(scripts);
            Assert.Matches("<script src=\"/console.js\\?v=[0-9a-f]{12}\" defer></script>", scripts[0]);
            Assert.Matches("<link rel=\"icon\" href=\"/favicon.svg\\?v=[0-9a-f]{12}\"", html);
        }

        using var anonymous = new StaffClient(fixture.App.Address);
        var script = await anonymous.Http.GetAsync("/console.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", script.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("addEventListener(\"keydown\"", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("image/svg+xml", (await anonymous.Http.GetAsync("/favicon.svg")).Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.MovedPermanently, (await anonymous.Http.GetAsync("/favicon.ico")).StatusCode);
    }

    [Fact]
    public async Task Recordings_are_never_kept_in_a_cache()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var recording = await client.Http.GetAsync($"/recordings/{fixture.Seed.RecordingId}");
        Assert.Equal(HttpStatusCode.OK, recording.StatusCode);
        Assert.True(recording.Headers.CacheControl!.NoStore);
        Assert.False(recording.Headers.CacheControl.Private || recording.Headers.CacheControl.MaxAge is not null);
    }

    [Fact]
    public async Task An_unknown_page_is_not_found_inside_the_console()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var response = await client.Http.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"notfound\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"signout\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_shows_its_age_languages_and_who_has_what_and_refreshes_itself()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var html = await client.Http.GetStringAsync("/queue");
        Assert.Matches("id=\"queue-count\">[1-9][0-9]* звон(ок|ка|ков)<", html);
        Assert.Matches("id=\"queue-oldest\">[0-9]+ (минут|минуты|минута|час|часа|часов)", html);
        Assert.Matches("id=\"queue-languages\">русский [1-9]", html);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"30\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"30\">", await client.Http.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", await client.Http.GetStringAsync($"/calls/{Seed.VoiceCallId}"), StringComparison.Ordinal);

        // The next call: one nobody else has open (other tests' reviewers may hold some for a few minutes).
        var (_, water) = await ReviewForms.AccountAsync(fixture.App);
        await ReviewForms.QueuedCallAsync(fixture.App, (water, 950));
        var next = await client.Http.GetAsync("/queue/next");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/queue/", next.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var opened = await client.Http.GetStringAsync(next.Headers.Location!.OriginalString);
        Assert.Contains("id=\"claim\"", opened, StringComparison.Ordinal); // it is this reviewer's
    }

    [Fact]
    public async Task Calls_are_found_by_any_part_of_the_callers_number_and_supervisors_download_them()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var byPart = await client.Http.GetStringAsync("/calls?caller=4445");
        Assert.Contains(Seed.KeysCallId, byPart, StringComparison.Ordinal);
        Assert.DoesNotContain(Seed.VoiceCallId, byPart, StringComparison.Ordinal);
        Assert.Contains(Seed.VoiceCallId, await client.Http.GetStringAsync("/calls?caller=%2B7900111"), StringComparison.Ordinal);
        Assert.DoesNotContain("calls-csv", byPart, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/calls/export.csv")).StatusCode);

        using var supervisor = await StaffClient.SignedInAsync(fixture.App.Address, Seed.SupervisorLogin);
        Assert.Contains("id=\"calls-csv\"", await supervisor.Http.GetStringAsync("/calls?caller=4445"), StringComparison.Ordinal);
        var csv = await supervisor.Http.GetAsync("/calls/export.csv?caller=4445");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("call_id,started_at,ended_at,channel,line,caller_number,", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith(Seed.KeysCallId + ",", StringComparison.Ordinal) && l.Contains(",+79004445566,ru,1234567,Accepted,goodbye,", StringComparison.Ordinal));
        var audit = await fixture.App.Get<IAuditLog>().ListAsync(new AuditFilter(Action: AuditActions.CallsExported), CancellationToken.None);
        Assert.Contains(audit.Entries, e => e.Entry.Actor == Seed.SupervisorLogin && e.Entry.Detail!.Contains("caller=4445", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Step_names_are_words_on_dashboards_and_timelines()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var callId = "steps-" + Guid.NewGuid().ToString("N")[..8];
        var calls = fixture.App.Get<ICallLog>();
        await calls.StartAsync(new CallStart(callId, SubmissionChannel.Keys, "readings", null, PromptLanguage.Ru, DateTimeOffset.UtcNow), CancellationToken.None);
        await calls.AppendAsync(callId, new CallEvent(DateTimeOffset.UtcNow, CallEventKind.Keys, "ConfirmReading", "1"), CancellationToken.None);
        await calls.EndAsync(callId, CallOutcome.Abandoned, "ConfirmReading", DateTimeOffset.UtcNow, CancellationToken.None);
        foreach (var path in new[] { "/", $"/calls/{callId}", "/calls?outcome=Abandoned" })
        {
            var html = await client.Http.GetStringAsync(path);
            Assert.DoesNotContain("ConfirmReading", html, StringComparison.Ordinal);
            Assert.Contains("подтверждение показания", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Each_recording_says_what_the_robot_asked_and_sits_beside_the_field_it_fills()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var html = await client.Http.GetStringAsync($"/queue/{Seed.VoiceCallId}");
        var row = Regex.Match(html, $"<tr data-group data-field=\"v_{fixture.Seed.ElectricityMeterId}_Day\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains($"src=\"/recordings/{fixture.Seed.RecordingId}\"", row, StringComparison.Ordinal);
        Assert.Contains("Вопрос: показание: электроэнергия, день", row, StringComparison.Ordinal);
        Assert.Contains("id=\"call-language\">русский<", html, StringComparison.Ordinal);
        Assert.Contains("name=\"v_" + fixture.Seed.ElectricityMeterId + "_Day\" id=\"v_" + fixture.Seed.ElectricityMeterId + "_Day\"", html, StringComparison.Ordinal);
        Assert.Matches("id=\"v_" + fixture.Seed.ElectricityMeterId + "_Day\"[^>]* autofocus", html); // the cursor starts where the recording is
    }

    [Fact]
    public async Task An_unidentified_callers_account_is_suggested_from_their_number_as_the_phone_line_does()
    {
        var callId = "sugg-" + Guid.NewGuid().ToString("N")[..8];
        var calls = fixture.App.Get<ICallLog>();
        await calls.StartAsync(new CallStart(callId, SubmissionChannel.Voice, "voice", "+79004445566", PromptLanguage.Ru, DateTimeOffset.UtcNow), CancellationToken.None);
        await calls.EndAsync(callId, CallOutcome.Voice, "AccountListen", DateTimeOffset.UtcNow, CancellationToken.None);
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var html = await client.Http.GetStringAsync($"/queue/{callId}");
        Assert.Contains($"id=\"account\" inputmode=\"numeric\" maxlength=\"20\" autocomplete=\"off\" value=\"{Seed.Account}\"", html, StringComparison.Ordinal);
        Assert.Matches("id=\"account-hint\">[^<]*79004445566", html);
        Assert.Contains("id=\"meters\"", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<script[^>]*>[^<]*</script>")]
    private static partial Regex ScriptTag();
}

[Collection(ConsoleCollection.Name)]
public sealed class SqliteConsolePagesTests(ConsoleFixture fixture) : ConsolePagesTests(fixture);

[Collection(PostgresConsoleCollection.Name)]
public sealed class PostgresConsolePagesTests(PostgresConsoleFixture fixture) : ConsolePagesTests(fixture), INeedsPostgres;
