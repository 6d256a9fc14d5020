using IvrReadings.AsteriskSim;
using IvrReadings.AsteriskSim.Phone;
using IvrReadings.Domain;

namespace IvrReadings.CallFlow.Tests.EndToEnd;

/// <summary>
/// Whole calls through the real FastAGI server, the fake Asterisk over TCP and a real database: run on SQLite
/// (<see cref="SqliteEndToEndTests"/>) and on PostgreSQL (<see cref="PostgresEndToEndTests"/>).
/// </summary>
public abstract class EndToEndTests(Xunit.Abstractions.ITestOutputHelper log)
{
    /// <summary><see cref="TestDatabase.Sqlite"/> or <see cref="TestDatabase.Postgres"/>.</summary>
    protected abstract string Provider { get; }

    private static CallerScript Keys(string keys) => PhoneSimulator.ScriptedCaller(keys);

    [Fact]
    public async Task Standard_call_is_stored_in_the_database_and_logged()
    {
        await using var server = await ReadingsServer.StartAsync(Provider);
        var options = new SimCallOptions { Query = "lang=ru" };
        var result = await server.CallAsync(Keys(Some.StandardCall), options);

        Assert.Null(result.Error);
        Assert.Equal("done", result.Variables["IVR_RESULT"]);
        Assert.Equal("ru", result.Variables["CHANNEL(language)"]);
        var stored = await server.Readings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(["Day=6116", "Night=2100", "Total=110", "Total=60"], stored.Select(r => $"{r.Zone}={r.Value}"));
        Assert.All(stored, r => Assert.Equal(SubmissionChannel.Keys, r.Channel));

        var call = await server.CallLog.GetAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.NotNull(call);
        Assert.Equal(CallOutcome.Accepted, call.Outcome);
        Assert.Equal("Summary", call.LastStep);
        Assert.Equal("1234567", call.AccountNumber);
        var timeline = await server.CallLog.TimelineAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(3, timeline.Count(e => e.Event.Kind == CallEventKind.ReadingStored));
        Assert.Empty(await server.ErrorsWhenDoneAsync());
        Assert.DoesNotContain(result.Commands, c => c.StartsWith("SAY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_documented_demo_call_works_on_the_demo_data()
    {
        await using var server = await ReadingsServer.StartAsync(Provider, demoData: true);
        var options = new SimCallOptions { Query = "lang=ru" };
        var result = await server.CallAsync(Keys(DemoKeys), options);
        Assert.Equal("done", result.Variables["IVR_RESULT"]);
        var stored = await server.Readings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal([6116L, 2020, 420, 290], stored.Select(r => r.Value));
        Assert.All(stored, r => Assert.Equal(ReadingFlags.None, r.Flags));
    }

    /// <summary>docs/callflow.md: account 1234567 of the demo data, every meter, normal month.</summary>
    private const string DemoKeys = "2 1234567# 1 1 6116# 2020# 1 1 420# 1 290# 1";

    [Fact]
    public async Task Hangup_at_every_step_keeps_what_was_confirmed()
    {
        await using var server = await ReadingsServer.StartAsync(Provider);
        var bursts = Some.StandardCall.Split(' ');
        for (var k = 0; k < bursts.Length; k++)
        {
            // A new caller number each time: a number that submitted before is offered its account first.
            var options = new SimCallOptions { Query = "lang=ru", CallerId = $"7916000{k:D4}" };
            var result = await server.CallAsync(Keys(string.Join(' ', bursts.Take(k)) + " !"), options);
            Assert.Null(result.Error);
            Assert.True(result.HungUp, $"k={k} {result.EndReason}\n{result.Dump()}");

            var stored = await server.Readings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
            var expected = k switch { < 7 => 0, < 10 => 2, < 12 => 3, _ => 4 };
            Assert.Equal(expected, stored.Count);

            var call = await server.CallLog.WaitForEndAsync(await server.CallIdAsync(options));
            Assert.Equal(expected == 0 ? CallOutcome.Abandoned : CallOutcome.Partial, call.Outcome);
            Assert.False(string.IsNullOrEmpty(call.LastStep));
        }

        Assert.Empty(await server.ErrorsWhenDoneAsync());
    }

    [Fact]
    public async Task A_caller_who_submitted_before_is_offered_the_account()
    {
        await using var server = await ReadingsServer.StartAsync(Provider);
        await server.CallAsync(Keys("2 1234567# 1 2 1 110# 1 2"), new SimCallOptions { Query = "lang=ru", CallerId = "79990001122" });
        var again = new SimCallOptions { Query = "lang=ru", CallerId = "79990001122" };
        var result = await server.CallAsync(Keys("2 1 2 2 60# 1 2"), again);
        Assert.Contains("ivr-readings/known-account-offer", result.Played);
        Assert.DoesNotContain("ivr-readings/account-enter", result.Played);
        var stored = await server.Readings.ForCallAsync(await server.CallIdAsync(again), CancellationToken.None);
        Assert.Equal(60, Assert.Single(stored).Value);
    }

    [Fact]
    public async Task A_caller_who_types_ahead_is_never_made_to_wait_or_repeat()
    {
        // Keys typed during prompts (barge-in) and beyond the current question (typed ahead) all count.
        await using var server = await ReadingsServer.StartAsync(Provider);
        var options = new SimCallOptions { Query = "lang=ru" };
        var caller = CallerScript.Create().Press("2").Press("1234567#1").Press("1").Press("6116#2100#1").Press("2");
        var result = await server.CallAsync(caller, options);

        Assert.Equal("done", result.Variables["IVR_RESULT"]);
        var stored = await server.Readings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal([6116L, 2100], stored.Select(r => r.Value));
        Assert.DoesNotContain("ivr-readings/main-menu", result.Played);          // "2" cut the greeting short
        Assert.DoesNotContain("ivr-readings/invalid-choice", result.Played);
        Assert.DoesNotContain(result.Commands, c => c.StartsWith("GET DATA ivr-readings/account-enter", StringComparison.Ordinal) && result.Commands.Count(x => x == c) > 1);
    }

    [Fact]
    public async Task Hangup_during_a_prompt_is_an_ordinary_end()
    {
        await using var server = await ReadingsServer.StartAsync(Provider);
        var options = new SimCallOptions { Query = "lang=ru" };
        var caller = Keys("2 1234567# 1 1 6116#").HangUpDuringNextCommand();
        var result = await server.CallAsync(caller, options);
        Assert.True(result.HungUp);
        var call = await server.CallLog.WaitForEndAsync(await server.CallIdAsync(options));
        Assert.Equal(CallOutcome.Abandoned, call.Outcome);
        Assert.Equal("ReadingEntry", call.LastStep);
        Assert.Empty(await server.Readings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None));
        Assert.Empty(await server.ErrorsWhenDoneAsync());
    }

    [Fact]
    public async Task Database_down_tells_the_caller_to_call_later()
    {
        await using var server = await ReadingsServer.StartAsync(Provider, databaseDown: true);
        var result = await server.CallAsync(Keys("2 1234567#"));
        Assert.Contains("ivr-readings/technical-problem", result.Played);
        Assert.Equal("failed", result.Variables["IVR_RESULT"]);
    }

    [Fact]
    public async Task Phone_simulator_shows_the_call_as_text()
    {
        await using var server = await ReadingsServer.StartAsync(Provider);
        using var output = new StringWriter();
        var result = await PhoneSimulator.RunAsync(
            new PhoneOptions { Server = server.Endpoint.ToString(), Language = "ru", Keys = Some.StandardCall }, output, null, CancellationToken.None);
        var text = output.ToString();
        log.WriteLine(text);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("done", result.Result);
        Assert.Contains("robot: Показания счётчиков. Тоновый режим: звёздочка. Показания два, оператор ноль.", text, StringComparison.Ordinal);
        Assert.Contains("robot: Введено день шесть тысяч сто шестнадцать ночь две тысячи сто Верно один, заново два.", text, StringComparison.Ordinal);
        Assert.Contains("  you: 1234567", text, StringComparison.Ordinal);
        Assert.Contains("Call ended: done", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Phone_simulator_takes_keys_from_the_keyboard()
    {
        await using var server = await ReadingsServer.StartAsync(Provider);
        using var output = new StringWriter();
        using var keyboard = new StringReader(string.Join('\n', Some.StandardCall.Split(' ')) + "\n");
        var result = await PhoneSimulator.RunAsync(
            new PhoneOptions { Server = server.Endpoint.ToString(), Language = "uk" }, output, keyboard, CancellationToken.None);
        Assert.Equal("done", result.Result);
        Assert.Contains("robot: Введено день шість тисяч сто шістнадцять ніч дві тисячі сто Вірно один, знову два.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Phone_simulator_without_a_language_hears_the_organisations()
    {
        await using var server = await ReadingsServer.StartAsync(Provider);
        using var output = new StringWriter();
        var result = await PhoneSimulator.RunAsync(new PhoneOptions { Server = server.Endpoint.ToString(), Keys = "0" }, output, null, CancellationToken.None);
        Assert.Equal("operator", result.Result);
        Assert.Contains("robot: Показания счётчиков.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Phone_simulator_reports_a_server_that_is_down()
    {
        using var output = new StringWriter();
        var result = await PhoneSimulator.RunAsync(new PhoneOptions { Server = "127.0.0.1:1", Keys = "2" }, output, null, CancellationToken.None);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("could not connect", output.ToString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteEndToEndTests(Xunit.Abstractions.ITestOutputHelper log) : EndToEndTests(log)
{
    protected override string Provider => TestDatabase.Sqlite;
}

public sealed class PostgresEndToEndTests(Xunit.Abstractions.ITestOutputHelper log) : EndToEndTests(log), INeedsPostgres
{
    protected override string Provider => TestDatabase.Postgres;
}
