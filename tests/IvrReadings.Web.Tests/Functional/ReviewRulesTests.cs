using System.Net;
using IvrReadings.Domain;
using IvrReadings.Web.Tests.Support;

namespace IvrReadings.Web.Tests.Functional;

/// <summary>Staff figures go through the callers' rules; what billing receives carries the flags; a review closes only with an outcome.</summary>
public abstract class ReviewRulesTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_jump_over_the_usual_month_asks_for_confirmation_then_is_stored_and_exported_with_its_flags()
    {
        var (electricity, _) = await ReviewForms.AccountAsync(fixture.App);
        var callId = await ReviewForms.QueuedCallAsync(fixture.App, (electricity, 45100));
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);

        var asked = await ReviewForms.PostAsync(client, callId, new Dictionary<string, string> { [ReviewForms.Field(electricity)] = "999999" });
        var page = await asked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("data-reason=\"LargeJump\"", page, StringComparison.Ordinal);
        Assert.Contains("45012", page, StringComparison.Ordinal); // the previous reading, as the phone tells it
        Assert.DoesNotContain(await HistoryAsync(electricity), r => r.Value == 999999); // nothing stored yet
        Assert.Contains($"href=\"/queue/{callId}\"", await client.Http.GetStringAsync("/queue"), StringComparison.Ordinal);

        var confirmed = await ReviewForms.PostFromAsync(client, callId, page, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var stored = Assert.Single(await HistoryAsync(electricity), r => r.Value == 999999);
        Assert.Equal(SubmissionChannel.Staff, stored.Channel);
        Assert.Equal(ReadingFlags.LargeJumpConfirmed | ReadingFlags.VerificationOverdue | ReadingFlags.StaffCorrected, stored.Flags);

        using var supervisor = await StaffClient.SignedInAsync(fixture.App.Address, Seed.SupervisorLogin);
        var csv = await supervisor.Http.GetStringAsync($"/export/readings.csv?period={fixture.Seed.Period}");
        Assert.Contains("E-567,electricity,total,999999,", csv, StringComparison.Ordinal);
        Assert.Contains("large_jump_confirmed;verification_overdue;staff_corrected", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_figure_lower_than_the_previous_one_is_confirmed_as_the_phone_asks_and_keeps_its_flag()
    {
        var (_, water) = await ReviewForms.AccountAsync(fixture.App);
        var callId = await ReviewForms.QueuedCallAsync(fixture.App, (water, 910));
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);

        var asked = await ReviewForms.PostAsync(client, callId, new Dictionary<string, string> { [ReviewForms.Field(water)] = "100" });
        var page = await asked.Content.ReadAsStringAsync();
        Assert.Contains("data-reason=\"LowerThanPrevious\"", page, StringComparison.Ordinal);

        // Changing the figure drops the confirmation: 101 is asked about again.
        var changed = await ReviewForms.PostFromAsync(client, callId, page, new Dictionary<string, string> { [ReviewForms.Field(water)] = "101" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        page = await changed.Content.ReadAsStringAsync();
        Assert.Contains("data-reason=\"LowerThanPrevious\"", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await ReviewForms.PostFromAsync(client, callId, page, new Dictionary<string, string>())).StatusCode);
        var stored = Assert.Single(await HistoryAsync(water), r => r.CallId == callId && r.Status == ReadingStatus.Accepted);
        Assert.Equal((101, ReadingFlags.LowerThanPrevious | ReadingFlags.StaffCorrected), (stored.Value, stored.Flags));
    }

    [Fact]
    public async Task A_figure_staff_left_as_the_caller_gave_it_keeps_the_callers_channel()
    {
        var (electricity, water) = await ReviewForms.AccountAsync(fixture.App);
        var callId = await ReviewForms.QueuedCallAsync(fixture.App, (electricity, 45100), (water, 912));
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);

        var done = await ReviewForms.PostAsync(client, callId, new Dictionary<string, string> { [ReviewForms.Field(water)] = "915" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var readings = (await fixture.App.Get<IReadingStore>().ForCallAsync(callId, CancellationToken.None)).Where(r => r.Status == ReadingStatus.Accepted).ToList();
        var kept = Assert.Single(readings, r => r.MeterId == electricity);
        Assert.Equal((SubmissionChannel.Voice, ReadingFlags.VerificationOverdue, Seed.OperatorLogin), (kept.Channel, kept.Flags, kept.EnteredBy));
        var corrected = Assert.Single(readings, r => r.MeterId == water);
        Assert.Equal((SubmissionChannel.Staff, ReadingFlags.StaffCorrected), (corrected.Channel, corrected.Flags));
    }

    [Fact]
    public async Task More_digits_than_the_meter_has_are_refused_and_nothing_is_stored()
    {
        var (_, water) = await ReviewForms.AccountAsync(fixture.App);
        var callId = await ReviewForms.QueuedCallAsync(fixture.App, (water, 910));
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var refused = await ReviewForms.PostAsync(client, callId, new Dictionary<string, string> { [ReviewForms.Field(water)] = "123456" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("data-reason=\"TooManyDigits\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await HistoryAsync(water), r => r.CallId == callId && r.Status == ReadingStatus.Accepted);
    }

    [Fact]
    public async Task A_two_zone_meter_is_confirmed_whole_or_not_at_all()
    {
        var callId = await ReviewForms.QueuedCallAsync(fixture.App);
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var day = ReviewForms.Field(fixture.Seed.ElectricityMeterId, Zone.Day);
        var night = ReviewForms.Field(fixture.Seed.ElectricityMeterId, Zone.Night);
        // The call is about another account; the reviewer types Seed.Account's number, sees its meters and fills one zone only.
        var page = await client.Http.GetStringAsync($"/queue/{callId}?account={Seed.Account}");
        var refused = await ReviewForms.PostFromAsync(client, callId, page, new Dictionary<string, string> { [day] = "15200", [night] = string.Empty });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("class=\"finding bad\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await HistoryAsync(fixture.Seed.ElectricityMeterId), r => r.CallId == callId);
    }

    [Fact]
    public async Task An_empty_form_or_unknown_meters_are_refused_with_a_message_and_the_call_stays_queued()
    {
        var (_, water) = await ReviewForms.AccountAsync(fixture.App);
        var callId = await ReviewForms.QueuedCallAsync(fixture.App, (water, 910));
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);

        var empty = await ReviewForms.PostAsync(client, callId, new Dictionary<string, string> { [ReviewForms.Field(water)] = string.Empty });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Введите показания хотя бы одного счётчика", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var forged = await ReviewForms.PostAsync(client, callId, new Dictionary<string, string> { ["v_987654_Total"] = "5" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("В форме есть счётчики не с этого лицевого счёта", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Contains($"href=\"/queue/{callId}\"", await client.Http.GetStringAsync("/queue"), StringComparison.Ordinal);
        Assert.Null((await fixture.App.Get<ICallLog>().GetAsync(callId, CancellationToken.None))!.ReviewedBy);
    }

    [Fact]
    public async Task Each_outcome_closes_the_call_with_who_and_when_and_a_call_back_needs_its_note()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var silent = await ReviewForms.QueuedCallAsync(fixture.App);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewForms.PostAsync(client, silent, new Dictionary<string, string> { ["outcome"] = "NoReadings" })).StatusCode);
        var state = await fixture.App.Get<IReviewStore>().StateAsync(silent, CancellationToken.None);
        Assert.Equal((ReviewOutcome.NoReadings, Seed.OperatorLogin), (state.Outcome, state.ReviewedBy));
        Assert.True(state.ReviewedAt > DateTimeOffset.UtcNow.AddMinutes(-1));

        var callback = await ReviewForms.QueuedCallAsync(fixture.App);
        var noNote = await ReviewForms.PostAsync(client, callback, new Dictionary<string, string> { ["outcome"] = "CallBack" });
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewForms.PostAsync(client, callback, new Dictionary<string, string>
        {
            ["outcome"] = "CallBack", ["note"] = "wants to report a second meter", ["callback_number"] = "8 (900) 123-00-00",
        })).StatusCode);
        state = await fixture.App.Get<IReviewStore>().StateAsync(callback, CancellationToken.None);
        Assert.Equal((ReviewOutcome.CallBack, "89001230000", "wants to report a second meter"), (state.Outcome, state.CallbackNumber, state.Note));
        var call = await client.Http.GetStringAsync($"/calls/{callback}");
        Assert.Contains("Перезвонить клиенту", call, StringComparison.Ordinal);
        Assert.Contains("wants to report a second meter", call, StringComparison.Ordinal);

        var stranger = await ReviewForms.QueuedCallAsync(fixture.App);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewForms.PostAsync(client, stranger, new Dictionary<string, string> { ["outcome"] = "NotOurCustomer" })).StatusCode);
        Assert.Equal(ReviewOutcome.NotOurCustomer, (await fixture.App.Get<IReviewStore>().StateAsync(stranger, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Two_reviewers_on_one_call_the_second_sees_who_has_it_and_a_stale_confirm_is_refused()
    {
        var (_, water) = await ReviewForms.AccountAsync(fixture.App);
        var callId = await ReviewForms.QueuedCallAsync(fixture.App, (water, 930));
        using var olga = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        using var sam = await StaffClient.SignedInAsync(fixture.App.Address, Seed.SupervisorLogin);

        var olgasPage = await olga.Http.GetStringAsync($"/queue/{callId}");
        var samsPage = await sam.Http.GetStringAsync($"/queue/{callId}");
        Assert.Contains("id=\"claimed\"", samsPage, StringComparison.Ordinal);
        Assert.Contains(Seed.OperatorLogin, samsPage, StringComparison.Ordinal);
        Assert.Contains(Seed.OperatorLogin, await sam.Http.GetStringAsync("/queue"), StringComparison.Ordinal); // the queue shows who has it
        var held = await ReviewForms.PostFromAsync(sam, callId, samsPage, new Dictionary<string, string> { [ReviewForms.Field(water)] = "931" });
        Assert.Equal(HttpStatusCode.Conflict, held.StatusCode);

        // Sam takes it over, then Olga's confirm (from her page, the same version) goes first; Sam's is refused.
        var token = await sam.TokenAsync($"/queue/{callId}");
        Assert.Equal(HttpStatusCode.Redirect, (await sam.PostFormAsync($"/queue/{callId}/claim", new Dictionary<string, string> { ["__af"] = token })).StatusCode);
        samsPage = await sam.Http.GetStringAsync($"/queue/{callId}");
        Assert.Equal(HttpStatusCode.Conflict, (await ReviewForms.PostFromAsync(olga, callId, olgasPage, new Dictionary<string, string>())).StatusCode); // he holds it now
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewForms.PostFromAsync(sam, callId, samsPage, new Dictionary<string, string> { [ReviewForms.Field(water)] = "931" })).StatusCode);
        // Olga comes back to her page, opened before Sam closed the call: refused, with what Sam decided.
        var stale = await ReviewForms.PostFromAsync(olga, callId, olgasPage, new Dictionary<string, string> { [ReviewForms.Field(water)] = "932" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var refusal = await stale.Content.ReadAsStringAsync();
        Assert.Contains("id=\"reviewed\"", refusal, StringComparison.Ordinal);
        Assert.Contains(Seed.SupervisorLogin, refusal, StringComparison.Ordinal);
        Assert.Equal([931], (await HistoryAsync(water)).Where(r => r.CallId == callId && r.Status == ReadingStatus.Accepted).Select(r => r.Value));
    }

    private Task<IReadOnlyList<Reading>> HistoryAsync(long meterId) => fixture.App.Get<IReadingStore>().HistoryAsync(meterId, CancellationToken.None);
}

[Collection(ConsoleCollection.Name)]
public sealed class SqliteReviewRulesTests(ConsoleFixture fixture) : ReviewRulesTests(fixture);

[Collection(PostgresConsoleCollection.Name)]
public sealed class PostgresReviewRulesTests(PostgresConsoleFixture fixture) : ReviewRulesTests(fixture), INeedsPostgres;
