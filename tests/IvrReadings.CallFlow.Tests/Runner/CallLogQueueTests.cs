using System.Diagnostics;
using System.Diagnostics.Metrics;
using IvrReadings.CallFlow.Runner;
using IvrReadings.Domain;
using IvrReadings.Storage;
using IvrReadings.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrReadings.CallFlow.Tests.Runner;

/// <summary>
/// The call log queue on a real SQLite file that another connection holds locked (a backup, an administrator's session):
/// the flows never wait for the log, a full queue drops entries and counts them (<c>ivr_call_log_dropped_total</c>), and
/// the log is written again once the lock is gone.
/// </summary>
public sealed class CallLogQueueTests
{
    private static CallLogEntry.Start Start(string callId) =>
        new(new CallStart(callId, SubmissionChannel.Keys, "readings", "79160000001", PromptLanguage.Ru, Domain.Now));

    [Fact]
    public async Task A_locked_database_never_holds_up_the_flows_a_full_queue_drops_and_counts_and_writing_resumes_after()
    {
        long counted = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "IvrReadings" && instrument.Name == "ivr_call_log_dropped_total")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref counted, value));
        listener.Start();

        await using var db = new SqliteTestDatabase();
        var options = db.For();
        options.CallerTimeoutSeconds = 1;
        await using var services = new ServiceCollection().AddIvrStorage(options, Domain.Organisation()).BuildServiceProvider();
        await services.GetRequiredService<IDatabaseMigrator>().MigrateAsync(default);
        var callLog = services.GetRequiredService<ICallLog>();
        using var logs = new CollectingLogs();
        using var loggers = new LoggerFactory([logs]);
        await using var queue = new CallLogQueue(callLog, Options.Create(new CallFlowOptions { CallLogQueueCapacity = 16 }), loggers.CreateLogger<CallLogQueue>());

        await using (var holder = new SqliteConnection(db.Options.ConnectionString))
        {
            await holder.OpenAsync();
            await Sql(holder, "BEGIN IMMEDIATE");
            var watch = Stopwatch.StartNew();
            queue.Enqueue(Start("held"));
            for (var i = 0; i < 999; i++)
            {
                queue.Enqueue(new CallLogEntry.Append("held", new CallEvent(Domain.Now, CallEventKind.Keys, "MainMenu", "2")));
            }

            // A thousand entries while the database takes nothing: none of them waits for it.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"enqueueing took {watch.Elapsed}"); // microseconds each; before, each waited for the database
            // Room for 16 waiting and one batch (at most 256) with the writer: the rest is dropped at once, and counted.
            Assert.InRange(queue.Dropped, 1000 - 16 - 256, 1000);
            Assert.True(Interlocked.Read(ref counted) >= queue.Dropped, $"{counted} counted, {queue.Dropped} dropped");
            await Sql(holder, "ROLLBACK");
        }

        // The lock is gone: what waited is written (or dropped, counted), and the next call is logged again.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await queue.FlushAsync(limit.Token);
        queue.Enqueue(Start("after"));
        queue.Enqueue(new CallLogEntry.End("after", CallOutcome.Accepted, "Summary", Domain.Now));
        await queue.FlushAsync(limit.Token);

        var call = await callLog.GetAsync("after", default);
        Assert.True(call is not null, string.Join('\n', logs.Entries.Select(e => $"{e.Level} {e.Message} {e.Error}")));
        Assert.Equal(CallOutcome.Accepted, call.Outcome);
    }

    private static async Task Sql(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
