using IvrReadings.CallFlow.Runner;
using IvrReadings.Domain;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IvrReadings.CallFlow.Tests.Runner;

/// <summary>The runner on a scripted channel and in-memory stores: barge-in, typed-ahead keys, language, call log.</summary>
public sealed class ReadingsScriptHandlerTests
{
    private static async Task<(FakeAgiChannel Channel, InMemoryStores Stores, CallRecord Call)> CallAsync(
        string keys, InMemoryStores? stores = null, string query = "lang=ru", string language = "en", Organisation? organisation = null)
    {
        stores ??= InMemoryStores.WithStandardFlat();
        var channel = new FakeAgiChannel(keys, query, language);
        await using var journal = Journal(stores);
        var handler = new ReadingsScriptHandler(stores, stores, journal, organisation ?? Domain.Organisation(), new FixedTime(Domain.Now),
            Options.Create(new CallFlowOptions()), NullLogger<ReadingsScriptHandler>.Instance);
        await handler.HandleAsync(channel, CancellationToken.None);
        await journal.FlushAsync(CancellationToken.None);
        return (channel, stores, stores.Calls[channel.CallId]);
    }

    /// <summary>The call log queue on the in-memory stores (flushed by the test before it looks at the log).</summary>
    private static CallLogQueue Journal(InMemoryStores stores) =>
        new(stores, Options.Create(new CallFlowOptions()), NullLogger<CallLogQueue>.Instance);

    private static string Stored(InMemoryStores stores) =>
        string.Join("; ", stores.Readings.Select(r => $"{r.MeterId}/{r.Zone}={r.Value}{(r.Flags != ReadingFlags.None ? "!" + r.Flags : "")}"));

    [Fact]
    public async Task Standard_call_stores_every_zone_and_logs_the_call()
    {
        var (channel, stores, call) = await CallAsync(Some.StandardCall);
        Assert.Equal("1/Day=6116; 1/Night=2100; 2/Total=110; 3/Total=60", Stored(stores));
        Assert.All(stores.Readings, r =>
        {
            Assert.Equal(SubmissionChannel.Keys, r.Channel);
            Assert.Equal(call.CallId, r.CallId);
            Assert.Equal("79161234567", r.CallerNumber);
            Assert.Equal(new BillingPeriod(2026, 11), r.Period);
        });
        Assert.Equal(CallOutcome.Accepted, call.Outcome);
        Assert.Equal("Summary", call.LastStep);
        Assert.Equal("1234567", call.AccountNumber);
        Assert.Equal("ru", channel.Variables["CHANNEL(language)"]);
        Assert.Equal("done", channel.Variables["IVR_RESULT"]);
        Assert.True(channel.AppHungUp);
        Assert.Equal(3, stores.Events.Count(e => e.Event.Kind == CallEventKind.ReadingStored));
        Assert.Contains("ivr-readings/num-thousand-many", channel.Played);
    }

    [Fact]
    public async Task The_first_reading_after_a_billing_import_is_checked_for_a_jump_too()
    {
        // Issue 12: billing's last reading is the only value, so there was no average and 99999 after 90210 went in
        // silently. The typical use of the kind (300 kWh) now sets the limit, so the caller is asked to confirm.
        var stores = new InMemoryStores();
        stores.Accounts["7654321"] = new Account("7654321", "ул. Мира, 5", "Петров П. П.",
            [new Meter(7, "7654321", "EL-700", MeterKind.Electricity, 1, 5, "", [new(Zone.Total, 90210, new DateOnly(2026, 10, 20))], null, null)]);

        // One meter on the account: no meter menu, straight to the reading after the account's confirmation.
        var (channel, _, _) = await CallAsync("2 7654321# 1 99999# 1 1 2", stores);

        Assert.Contains("ivr-readings/reading-jump", channel.Played);
        Assert.Single(channel.Played, p => p == "ivr-readings/kind-electricity"); // named in the summary only
        Assert.Equal("7/Total=99999!LargeJumpConfirmed", Stored(stores));
    }

    [Fact]
    public async Task The_reading_is_read_back_with_our_own_number_words()
    {
        var (channel, _, _) = await CallAsync("2 1234567# 1 1 6116# 2100# 1 2");
        var readBack = string.Join(' ', channel.Played.SkipWhile(f => f != "ivr-readings/reading-readback").Take(9));
        Assert.Equal(
            "ivr-readings/reading-readback ivr-readings/zone-day ivr-readings/num-6 ivr-readings/num-thousand-many ivr-readings/num-100 ivr-readings/num-16 ivr-readings/zone-night ivr-readings/num-2-f ivr-readings/num-thousand-few",
            readBack);
    }

    [Fact]
    public async Task Keys_typed_during_a_prompt_interrupt_it_and_are_kept_for_the_input()
    {
        // The caller does not wait: "2" during the greeting, then the account and its confirmation in one burst.
        var (channel, stores, call) = await CallAsync(">2 1234567#1 2 1 110# 1 2");
        Assert.Equal("2/Total=110", Stored(stores));
        Assert.Equal(CallOutcome.Accepted, call.Outcome);
        Assert.Equal("ivr-readings/welcome", channel.Played[0]);
        Assert.DoesNotContain("ivr-readings/main-menu", channel.Played); // the greeting was cut short
        Assert.DoesNotContain("ivr-readings/confirm-or-reenter", channel.Played.Take(5)); // '1' interrupted the read-back
    }

    [Fact]
    public async Task A_key_that_interrupts_a_prompt_starts_a_multi_digit_input()
    {
        var (channel, stores, _) = await CallAsync("2 1234567# 1 1 >6116# 2100# 1 2");
        Assert.Equal("1/Day=6116; 1/Night=2100", Stored(stores));
        Assert.Contains("ivr-readings/silence", channel.Played);
    }

    [Theory]
    [InlineData("lang=uk", "en", "uk")]
    [InlineData("", "en", "en")]
    [InlineData("", "uk", "uk")]
    [InlineData("", "fr", "ru")]
    [InlineData("lang=de", "fr", "ru")]
    public async Task The_language_is_set_on_the_channel(string query, string channelLanguage, string expected)
    {
        var (channel, _, call) = await CallAsync("0", query: query, language: channelLanguage);
        Assert.Equal(expected, channel.Variables["CHANNEL(language)"]);
        Assert.Equal(expected, call.Language.ToString().ToLowerInvariant());
    }

    [Fact]
    public async Task Operator_returns_to_the_dialplan_without_hanging_up()
    {
        var (channel, _, call) = await CallAsync("0");
        Assert.Equal("operator", channel.Variables["IVR_RESULT"]);
        Assert.False(channel.AppHungUp);
        Assert.Equal(CallOutcome.Operator, call.Outcome);
    }

    [Fact]
    public async Task Silent_main_menu_goes_to_the_voice_flow()
    {
        var (channel, _, call) = await CallAsync("- -");
        Assert.Equal("voice", channel.Variables["IVR_RESULT"]);
        Assert.Equal(CallOutcome.Voice, call.Outcome);
        Assert.Equal("MainMenu", call.LastStep);
    }

    [Fact]
    public async Task Database_failing_at_the_store_says_technical_problem_and_stores_nothing()
    {
        var stores = InMemoryStores.WithStandardFlat();
        await using var journal = Journal(stores);
        var handler = new ReadingsScriptHandler(stores, new FailingOnSubmit(stores), journal, Domain.Organisation(), new FixedTime(Domain.Now),
            Options.Create(new CallFlowOptions()), NullLogger<ReadingsScriptHandler>.Instance);
        var channel = new FakeAgiChannel("2 1234567# 1 2 1 110# 1 2", "lang=ru");
        await handler.HandleAsync(channel, CancellationToken.None);
        await journal.FlushAsync(CancellationToken.None);
        Assert.Empty(stores.Readings);
        Assert.Contains("ivr-readings/technical-problem", channel.Played);
        Assert.DoesNotContain("ivr-readings/reading-accepted", channel.Played);
        Assert.Equal("failed", channel.Variables["IVR_RESULT"]);
        Assert.Equal(CallOutcome.TechnicalFailure, stores.Calls[channel.CallId].Outcome);
    }

    [Fact]
    public async Task Database_down_from_the_start_still_answers_and_explains()
    {
        var stores = InMemoryStores.WithStandardFlat();
        stores.Down = true;
        var (channel, _, _) = await CallAsyncWithoutLog("2 1234567#", stores);
        Assert.Contains("ivr-readings/technical-problem", channel.Played);
        Assert.True(channel.AppHungUp);
    }

    private static async Task<(FakeAgiChannel Channel, InMemoryStores Stores, int Played)> CallAsyncWithoutLog(string keys, InMemoryStores stores)
    {
        var channel = new FakeAgiChannel(keys, "lang=ru");
        await using var journal = Journal(stores);
        var handler = new ReadingsScriptHandler(stores, stores, journal, Domain.Organisation(), new FixedTime(Domain.Now),
            Options.Create(new CallFlowOptions()), NullLogger<ReadingsScriptHandler>.Instance);
        await handler.HandleAsync(channel, CancellationToken.None);
        return (channel, stores, channel.Played.Count);
    }

    [Fact]
    public async Task Outside_the_window_the_dates_are_said_and_the_call_ends()
    {
        var (channel, _, call) = await CallAsync("", organisation: Domain.Organisation(from: 23, to: 26));
        Assert.Equal(
            ["ivr-readings/welcome", "ivr-readings/window-from", "ivr-readings/num-20", "ivr-readings/ord-gen-3", "ivr-readings/window-to",
                "ivr-readings/num-20", "ivr-readings/ord-acc-6", "ivr-readings/window-end", "ivr-readings/goodbye"],
            channel.Played);
        Assert.Equal("closed", channel.Variables["IVR_RESULT"]);
        Assert.Equal("ClosedMessage", call.LastStep);
    }

    [Fact]
    public async Task Lower_reading_is_stored_with_the_flag_after_confirmation()
    {
        var (_, stores, _) = await CallAsync("2 1234567# 1 2 1 90# 1 1 2");
        Assert.Equal("2/Total=90!LowerThanPrevious", Stored(stores));
    }

    [Fact]
    public async Task A_caller_who_submitted_before_is_offered_the_account()
    {
        var stores = InMemoryStores.WithStandardFlat();
        stores.CallerAccounts["79161234567"] = "1234567";
        var (channel, _, _) = await CallAsync("2 1 2 1 110# 1 2", stores);
        Assert.Contains("ivr-readings/known-account-offer", channel.Played);
        Assert.Equal("2/Total=110", Stored(stores));
    }

    [Fact]
    public async Task Hangup_at_every_step_keeps_confirmed_readings_and_records_where_the_caller_left()
    {
        var bursts = Some.StandardCall.Split(' ');
        for (var k = 0; k <= bursts.Length; k++)
        {
            var keys = string.Join(' ', bursts.Take(k));
            var (_, stores, call) = await CallAsync(keys);

            // Readings are confirmed by the "1" after each read-back: bursts 7, 10 and 12 (1-based); the last one ends the call.
            var expected = k switch { < 7 => 0, < 10 => 2, < 12 => 3, _ => 4 };
            Assert.Equal(expected, stores.Readings.Count);
            Assert.NotNull(call.EndedAt);
            Assert.NotNull(call.LastStep);
            var outcome = k == bursts.Length ? CallOutcome.Accepted : expected == 0 ? CallOutcome.Abandoned : CallOutcome.Partial;
            Assert.Equal(outcome, call.Outcome);
        }
    }

    private sealed class FailingOnSubmit(InMemoryStores inner) : IReadingStore
    {
        public Task<IReadOnlyList<Reading>> SubmitAsync(IReadOnlyList<NewReading> readings, CancellationToken cancellationToken) =>
            throw new StorageUnavailableException("disk I/O error");

        public Task<IReadOnlyList<Reading>> HistoryAsync(long meterId, CancellationToken cancellationToken) => inner.HistoryAsync(meterId, cancellationToken);

        public Task<IReadOnlyList<Reading>> RulesHistoryAsync(IReadOnlyList<Meter> meters, BillingPeriod period, CancellationToken cancellationToken) =>
            inner.RulesHistoryAsync(meters, period, cancellationToken);

        public Task<IReadOnlyList<Reading>> AccountHistoryAsync(string accountNumber, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Reading>> ForCallAsync(string callId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<AutoFillSummary> AutoFillAsync(BillingPeriod period, DateTimeOffset at, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
