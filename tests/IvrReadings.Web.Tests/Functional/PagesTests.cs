using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using IvrReadings.Domain;
using IvrReadings.Web.Tests.Support;

namespace IvrReadings.Web.Tests.Functional;

public abstract class PagesTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Anonymous_pages_send_the_browser_to_sign_in()
    {
        using var client = new StaffClient(fixture.App.Address);
        var response = await client.Http.GetAsync("/calls?outcome=Abandoned");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Fcalls%3Foutcome%3DAbandoned", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Wrong_passwords_are_refused_with_the_same_message_as_unknown_logins()
    {
        using var client = new StaffClient(fixture.App.Address);
        var wrong = await client.SignInAsync(Seed.OperatorLogin, "not the password");
        var unknown = await client.SignInAsync("nobody", "not the password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Contains("Неверный логин или пароль", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_review_count_is_in_the_header_of_every_page()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        foreach (var path in new[] { "/", "/calls", $"/accounts/{Seed.Account}" })
        {
            var html = await client.Http.GetStringAsync(path);
            Assert.Matches("id=\"backlog\"[^>]*>[1-9][0-9]*</span>", html);
        }
    }

    [Fact]
    public async Task The_queue_lists_the_voice_call_and_its_review_page_shows_what_was_heard()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var queue = await client.Http.GetStringAsync("/queue");
        Assert.Contains($"href=\"/queue/{Seed.VoiceCallId}\"", queue, StringComparison.Ordinal);

        var review = await client.Http.GetStringAsync($"/queue/{Seed.VoiceCallId}");
        Assert.Contains($"<audio controls preload=\"metadata\" src=\"/recordings/{fixture.Seed.RecordingId}\">", review, StringComparison.Ordinal);
        Assert.Contains("15180", review, StringComparison.Ordinal); // an alternative
        Assert.Contains($"name=\"v_{fixture.Seed.ElectricityMeterId}_Day\"", review, StringComparison.Ordinal);
        Assert.Contains($"name=\"v_{fixture.Seed.WaterMeterId}_Total\"", review, StringComparison.Ordinal);
        Assert.Contains("15000", review, StringComparison.Ordinal); // the previous reading, from billing
        Assert.DoesNotContain($"src=\"/recordings/{fixture.Seed.OutsideRecordingId}\"", review, StringComparison.Ordinal); // no player for a file outside
    }

    [Fact]
    public async Task Recordings_stream_with_range_requests()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var whole = await client.Http.GetAsync($"/recordings/{fixture.Seed.RecordingId}");
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("audio/wav", whole.Content.Headers.ContentType!.MediaType);
        var length = (await whole.Content.ReadAsByteArrayAsync()).Length;
        Assert.Equal(44 + (int)(Seed.RecordingSeconds * 8000 * 2), length);
        Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());

        var request = new HttpRequestMessage(HttpMethod.Get, $"/recordings/{fixture.Seed.RecordingId}");
        request.Headers.Range = new RangeHeaderValue(1000, 1099);
        var part = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(100, (await part.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal($"bytes 1000-1099/{length}", part.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task A_recording_kept_only_in_the_database_plays_on_a_server_without_its_file()
    {
        // Recorded by another server (or streamed from Asterisk on another host): no file in this server's directory.
        var recordings = fixture.App.Get<IRecordingStore>();
        var recording = await recordings.AddAsync(new NewRecording("elsewhere-call", "reading", "elsewhere-call/reading-1.wav", DateTimeOffset.UtcNow),
            enqueue: false, CancellationToken.None);
        await recordings.SetRecognitionAsync(recording.Id, new RecognitionResult(RecognitionStatus.Recognized, "сто", null), CancellationToken.None);
        var wav = IvrReadings.Audio.WavWriter.ToBytes(new IvrReadings.Audio.PcmAudio(8000, new short[8000]));
        await recordings.SaveAudioAsync(recording.Id, new RecordingAudio(RecordingAudio.Wav, wav), CancellationToken.None);
        Assert.False(File.Exists(Path.Combine(fixture.App.RecordingsDirectory, "elsewhere-call", "reading-1.wav")));

        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var whole = await client.Http.GetAsync($"/recordings/{recording.Id}");
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("audio/wav", whole.Content.Headers.ContentType!.MediaType);
        Assert.Equal(wav, await whole.Content.ReadAsByteArrayAsync());
        var request = new HttpRequestMessage(HttpMethod.Get, $"/recordings/{recording.Id}");
        request.Headers.Range = new RangeHeaderValue(44, 143);
        var part = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(100, (await part.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Calls_filter_by_outcome_account_and_caller()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var abandoned = await client.Http.GetStringAsync("/calls?outcome=Abandoned");
        Assert.Contains(Seed.AbandonedCallId, abandoned, StringComparison.Ordinal);
        Assert.DoesNotContain(Seed.KeysCallId, abandoned, StringComparison.Ordinal);
        Assert.Contains(">лицевой счёт<", abandoned, StringComparison.Ordinal); // the step where the caller hung up, in words

        var byCaller = await client.Http.GetStringAsync("/calls?caller=%2B79004445566");
        Assert.Contains(Seed.KeysCallId, byCaller, StringComparison.Ordinal);
        Assert.DoesNotContain(Seed.VoiceCallId, byCaller, StringComparison.Ordinal);

        var byAccount = await client.Http.GetStringAsync($"/calls?account={Seed.Account}");
        Assert.Contains(Seed.KeysCallId, byAccount, StringComparison.Ordinal);
        Assert.DoesNotContain(Seed.AbandonedCallId, byAccount, StringComparison.Ordinal);

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var future = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains(Seed.KeysCallId, await client.Http.GetStringAsync($"/calls?from={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}&to={future}"), StringComparison.Ordinal);
        Assert.DoesNotContain(Seed.KeysCallId, await client.Http.GetStringAsync($"/calls?from={future}"), StringComparison.Ordinal);
        Assert.NotNull(today);
    }

    [Fact]
    public async Task A_call_page_shows_its_timeline()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var html = await client.Http.GetStringAsync($"/calls/{Seed.VoiceCallId}");
        Assert.Contains("voice-greeting", html, StringComparison.Ordinal);
        Assert.Contains("пятнадцать тысяч сто", html, StringComparison.Ordinal);
        Assert.Contains("id=\"timeline\"", html, StringComparison.Ordinal);
        // Asterisk's names for the call, beside our own id, for staff who look it up in Asterisk.
        Assert.Contains("<code id=\"asterisk-uniqueid\">pbx1-1795313187.95</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code id=\"asterisk-channel\">PJSIP/trunk-0000002f</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code id=\"asterisk-system\">pbx1</code>", html, StringComparison.Ordinal);
        Assert.Contains("Уникальный id в Asterisk", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/calls/no-such-call")).StatusCode);
    }

    [Fact]
    public async Task The_account_page_shows_meters_and_history_with_flags()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var html = await client.Http.GetStringAsync($"/accounts/{Seed.Account}");
        Assert.Contains("E-100", html, StringComparison.Ordinal);
        Assert.Contains("кухня", html, StringComparison.Ordinal);
        Assert.Contains("361", html, StringComparison.Ordinal);
        Assert.Contains("на проверке", html, StringComparison.Ordinal); // the voice reading awaiting review
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/accounts/0000000")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_draws_svg_charts()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var html = await client.Http.GetStringAsync("/");
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Matches("id=\"stat-calls-today\">[1-9]", html);
        Assert.Contains("лицевой счёт", html, StringComparison.Ordinal); // a drop-off step, in words
    }

    [Fact]
    public async Task The_language_can_be_switched()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        Assert.Contains("Очередь проверки", await client.Http.GetStringAsync("/calls"), StringComparison.Ordinal);
        foreach (var (language, text) in new[] { ("uk", "Черга перевірки"), ("en", "Review queue") })
        {
            var token = await client.TokenAsync("/calls");
            var response = await client.PostFormAsync("/language", new Dictionary<string, string> { ["lang"] = language, ["returnUrl"] = "/calls", ["__af"] = token });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/calls", response.Headers.Location!.OriginalString);
            Assert.Contains(text, await client.Http.GetStringAsync("/calls"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_are_served_to_loopback_in_prometheus_text_format()
    {
        using var client = new StaffClient(fixture.App.Address);
        var response = await client.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        // OpenTelemetry's exporter: labels in name order, each series with the meter's name as otel_scope_name.
        Assert.Matches("# TYPE ivr_review_backlog_calls gauge\n# HELP ivr_review_backlog_calls [^\n]+\nivr_review_backlog_calls\\{otel_scope_name=\"IvrReadings\"\\} [1-9]", text);
        Assert.Matches("ivr_calls_period\\{otel_scope_name=\"IvrReadings\",outcome=\"Abandoned\",period=\"\\d{4}-\\d{2}\"\\} [1-9]", text);
        Assert.Matches("ivr_calls_dropoff_period\\{otel_scope_name=\"IvrReadings\",period=\"\\d{4}-\\d{2}\",step=\"account\"\\} [1-9]", text);
    }

    [Fact]
    public async Task Metrics_include_the_instruments_other_projects_publish_on_the_IvrReadings_meter()
    {
        using var meter = new System.Diagnostics.Metrics.Meter("IvrReadings");
        var counter = meter.CreateCounter<long>("ivr_test_console_probe_total", description: "Probe from the console tests.");
        counter.Add(3, new KeyValuePair<string, object?>("script", "readings"));

        using var client = new StaffClient(fixture.App.Address);
        var text = await client.Http.GetStringAsync("/metrics");
        Assert.Contains("# TYPE ivr_test_console_probe_total counter\n# HELP ivr_test_console_probe_total Probe from the console tests.\nivr_test_console_probe_total{otel_scope_name=\"IvrReadings\",script=\"readings\"} 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_count_what_happened_before_the_first_scrape()
    {
        // A console of its own: nobody has scraped it yet. Calls taken between start-up and Prometheus's first scrape count.
        await using var app = await ConsoleApp.StartAsync(provider: fixture.Provider);
        using var meter = new System.Diagnostics.Metrics.Meter("IvrReadings");
        var counter = meter.CreateCounter<long>("ivr_test_before_first_scrape_total", description: "Probe from the console tests.");
        counter.Add(5);

        using var client = new StaffClient(app.Address);
        var text = await client.Http.GetStringAsync("/metrics");
        Assert.Contains("ivr_test_before_first_scrape_total{otel_scope_name=\"IvrReadings\"} 5\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supervisors_export_the_period_as_csv()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.SupervisorLogin);
        var response = await client.Http.GetAsync($"/export/readings.csv?period={fixture.Seed.Period}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"readings-{fixture.Seed.Period}.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Contains("CW-1", csv, StringComparison.Ordinal);
        Assert.Contains("361", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.Http.GetAsync("/export/readings.csv?period=2026-13")).StatusCode);
    }

    [Fact]
    public async Task Reviewing_a_call_stores_the_staff_reading_and_keeps_the_machines()
    {
        var callId = await NewVoiceCallAsync(14900);
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var token = await client.TokenAsync($"/queue/{callId}");
        var day = $"v_{fixture.Seed.ElectricityMeterId}_Day";
        var night = $"v_{fixture.Seed.ElectricityMeterId}_Night";

        var bad = await client.PostFormAsync($"/queue/{callId}", new Dictionary<string, string>
        {
            ["account"] = Seed.Account, ["shown_account"] = Seed.Account, ["version"] = "0", [day] = "15x00", [night] = "7010", ["__af"] = token,
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var ok = await client.PostFormAsync($"/queue/{callId}", new Dictionary<string, string>
        {
            ["account"] = Seed.Account, ["shown_account"] = Seed.Account, ["version"] = "0", [day] = "15 120", [night] = "7010", ["__af"] = token,
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/queue/next", ok.Headers.Location!.OriginalString);
        Assert.DoesNotContain($"href=\"/queue/{callId}\"", await client.Http.GetStringAsync("/queue"), StringComparison.Ordinal);

        var readings = await fixture.App.Get<IReadingStore>().ForCallAsync(callId, CancellationToken.None);
        var staff = Assert.Single(readings, r => r.Channel == SubmissionChannel.Staff && r.Zone == Zone.Day);
        Assert.Equal(15120, staff.Value);
        Assert.Equal(Seed.OperatorLogin, staff.EnteredBy);
        Assert.True(staff.Flags.HasFlag(ReadingFlags.StaffCorrected));
        Assert.Contains(readings, r => r.Channel == SubmissionChannel.Voice && r.Value == 14900);
        var call = await fixture.App.Get<ICallLog>().GetAsync(callId, CancellationToken.None);
        Assert.Equal(Seed.OperatorLogin, call!.ReviewedBy);
    }

    [Fact]
    public async Task A_call_without_a_known_account_asks_staff_for_it_then_shows_its_meters()
    {
        var callId = "voice-" + Guid.NewGuid().ToString("N")[..10];
        var calls = fixture.App.Get<ICallLog>();
        await calls.StartAsync(new CallStart(callId, SubmissionChannel.Voice, "voice", null, PromptLanguage.Ru, DateTimeOffset.UtcNow), CancellationToken.None);
        await calls.EndAsync(callId, CallOutcome.Voice, "account", DateTimeOffset.UtcNow, CancellationToken.None);
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);

        var unknown = await client.Http.GetStringAsync($"/queue/{callId}");
        Assert.Contains("Лицевой счёт звонящего неизвестен", unknown, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"meters\"", unknown, StringComparison.Ordinal);

        var chosen = await client.Http.GetStringAsync($"/queue/{callId}?account={Seed.Account}");
        Assert.Contains($"name=\"v_{fixture.Seed.WaterMeterId}_Total\"", chosen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supervisors_add_disable_and_reset_staff()
    {
        using var supervisor = await StaffClient.SignedInAsync(fixture.App.Address, Seed.SupervisorLogin);
        var token = await supervisor.TokenAsync("/staff");
        var weak = await supervisor.PostFormAsync("/staff", new Dictionary<string, string> { ["login"] = "nina", ["role"] = "operator", ["password"] = "short", ["__af"] = token });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var added = await supervisor.PostFormAsync("/staff", new Dictionary<string, string> { ["login"] = "nina", ["role"] = "operator", ["password"] = "first password 1", ["__af"] = token });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        using var nina = await StaffClient.SignedInAsync(fixture.App.Address, "nina", "first password 1");
        Assert.Equal(HttpStatusCode.OK, (await nina.Http.GetAsync("/queue")).StatusCode);

        var disabled = await supervisor.PostFormAsync("/staff/nina/disable", new Dictionary<string, string> { ["__af"] = token });
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await nina.Http.GetAsync("/queue")).StatusCode); // her cookie stopped working
        Assert.Equal(HttpStatusCode.Unauthorized, (await new StaffClient(fixture.App.Address).SignInAsync("nina", "first password 1")).StatusCode);

        await supervisor.PostFormAsync("/staff/nina/enable", new Dictionary<string, string> { ["__af"] = token });
        var reset = await supervisor.PostFormAsync("/staff/nina/password", new Dictionary<string, string> { ["password"] = "second password 2", ["__af"] = token });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new StaffClient(fixture.App.Address).SignInAsync("nina", "first password 1")).StatusCode);
        using var again = await StaffClient.SignedInAsync(fixture.App.Address, "nina", "second password 2");
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account()
    {
        await Web.Staff.StaffAdmin.AddAsync("locky", StaffRole.Operator, Seed.Password, fixture.App.Services);
        using var client = new StaffClient(fixture.App.Address);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("locky", "wrong password")).StatusCode);
        }

        var fifth = await client.SignInAsync("locky", "wrong password");
        Assert.Equal(HttpStatusCode.Unauthorized, fifth.StatusCode);
        var right = await client.SignInAsync("locky", Seed.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode); // locked: the right password does not help
        // The same answer as for an unknown login: nothing tells an attacker that this login exists.
        Assert.Equal(LoginError(await (await client.SignInAsync("nobody-at-all", Seed.Password)).Content.ReadAsStringAsync()),
            LoginError(await right.Content.ReadAsStringAsync()));
        var user = await fixture.App.Get<IStaffStore>().GetAsync("locky", CancellationToken.None);
        Assert.True(user!.LockedUntil > DateTimeOffset.UtcNow.AddMinutes(10));
    }

    private static string LoginError(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "id=\"login-error\">([^<]*)<").Groups[1].Value;

    private async Task<string> NewVoiceCallAsync(long heard)
    {
        var callId = "voice-" + Guid.NewGuid().ToString("N")[..10];
        var calls = fixture.App.Get<ICallLog>();
        var now = DateTimeOffset.UtcNow;
        await calls.StartAsync(new CallStart(callId, SubmissionChannel.Voice, "voice", "+79009990000", PromptLanguage.Ru, now), CancellationToken.None);
        await calls.SetAccountAsync(callId, Seed.Account, CancellationToken.None);
        await fixture.App.Get<IReadingStore>().SubmitAsync(new NewReading(fixture.Seed.ElectricityMeterId, Zone.Day, heard, fixture.Seed.Period, now,
            SubmissionChannel.Voice, ReadingStatus.NeedsReview, CallId: callId), CancellationToken.None);
        await calls.EndAsync(callId, CallOutcome.NeedsReview, "reading", now.AddSeconds(30), CancellationToken.None);
        return callId;
    }
}

[Collection(ConsoleCollection.Name)]
public sealed class SqlitePagesTests(ConsoleFixture fixture) : PagesTests(fixture);

[Collection(PostgresConsoleCollection.Name)]
public sealed class PostgresPagesTests(PostgresConsoleFixture fixture) : PagesTests(fixture), INeedsPostgres;
