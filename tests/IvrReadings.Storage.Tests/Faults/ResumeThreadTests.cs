using IvrReadings.Domain;
using IvrReadings.Storage.Sql;
using Microsoft.Extensions.Logging.Abstractions;

namespace IvrReadings.Storage.Tests.Faults;

/// <summary>
/// Whoever waits for the database goes on on the thread pool, never on the thread that delivered the reply. In the
/// server that thread is the socket engine's only thread (FastAGI's inline completions): a console request that hashed
/// a password or read the key ring there would hold up every call's commands and every other database reply.
/// </summary>
public sealed class ResumeThreadTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_caller_never_goes_on_on_the_thread_that_delivered_the_database_reply(bool fails)
    {
        await using var files = new SqliteTestDatabase();
        await using var database = DatabaseFactory.Create(files.Options, NullLoggerFactory.Instance);
        await database.EnsureMigratedAsync(default);

        // The reply comes from a thread of its own, the way the socket engine delivers a PostgreSQL answer.
        var reply = new TaskCompletionSource<int>();
        using var waiting = new ManualResetEventSlim();
        var replier = new Thread(() =>
        {
            waiting.Wait();
            Thread.Sleep(200); // the work has reached its await of the reply by now (it does nothing else)
            if (fails) reply.SetException(new IOException("connection reset by the database"));
            else reply.SetResult(42);
        }) { IsBackground = true, Name = "reply deliverer" };

        var resumedOn = ResumedOnAsync(database, reply.Task, waiting);
        replier.Start();
        var (threadId, onPool) = await resumedOn.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(replier.ManagedThreadId, threadId);
        Assert.True(onPool, "the caller should go on on a thread-pool thread");
    }

    private static async Task<(int ThreadId, bool OnPool)> ResumedOnAsync(Database database, Task<int> reply, ManualResetEventSlim waiting)
    {
        try
        {
            await database.ReadAsync(async (_, _) =>
            {
                waiting.Set();
                return await reply.ConfigureAwait(false);
            }, default).ConfigureAwait(false);
        }
        catch (StorageUnavailableException)
        {
            // The failed reply: its caller must not go on on the delivering thread either.
        }

        return (Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread);
    }
}
