using System.Net;
using IvrReadings.AsteriskSim;
using IvrReadings.AsteriskSim.Phone;
using IvrReadings.Cluster.Tests.Support;
using IvrReadings.Domain;
using IvrReadings.Testing;
using IvrReadings.Web.Staff;

namespace IvrReadings.Cluster.Tests;

/// <summary>
/// Two real servers on one PostgreSQL behave as one line: whichever takes a call, the caller is known, readings land
/// in the one database, the latest submission counts, and both consoles see and export the same.
/// </summary>
public sealed class EitherServerTests : INeedsPostgres
{
    private const string Supervisor = "sam";
    private const string Password = "correct horse 42";
    private const string CallerNumber = "79990001122";

    private static SimCallOptions Call(string callerId = CallerNumber) => new() { Query = "lang=ru", CallerId = callerId };

    private static CallerScript Keys(string keys) => PhoneSimulator.ScriptedCaller(keys);

    private static async Task<TwoServers> StartAsync()
    {
        return await TwoServers.StartAsync(async stores =>
        {
            await Flat.SeedAsync(stores);
            Assert.Equal(StaffAddResult.Added, await StaffAdmin.AddAsync(Supervisor, StaffRole.Supervisor, Password, stores));
        });
    }

    [StoreFact]
    public async Task A_caller_served_by_one_server_is_known_to_the_other_and_the_latest_reading_counts_on_both_consoles()
    {
        await using var servers = await StartAsync();

        // The first call reaches A: every meter.
        var onA = await SimulatedCall.RunAsync(servers.A.Agi, Call(), Keys("2 1234567# 1 1 6116# 2100# 1 1 110# 1 60# 1"));
        Assert.Equal("done", onA.Variables["IVR_RESULT"]);

        // The same caller rings again and B answers: it offers the account A learnt, and takes a corrected electricity reading.
        var onB = await SimulatedCall.RunAsync(servers.B.Agi, Call(), Keys("2 1 1 6120# 2101# 1 2"));
        Assert.Equal("done", onB.Variables["IVR_RESULT"]);
        Assert.Contains("ivr-readings/known-account-offer", onB.Played);
        Assert.DoesNotContain("ivr-readings/account-enter", onB.Played);

        Assert.Equal([6116L, 2100, 110, 60, 6120, 2101], await HistoryAsync(servers));

        // Each console exports the same file, with B's later electricity figures and A's water.
        var exports = new List<string>();
        foreach (var server in new[] { servers.A, servers.B })
        {
            using var staff = new ConsoleClient(server.Console);
            Assert.True(await staff.SignInAsync(Supervisor, Password), $"sign-in on {server.Name}");
            var (status, csv) = await staff.GetAsync($"/export/readings.csv?period={Flat.Period}");
            Assert.Equal(HttpStatusCode.OK, status);
            exports.Add(csv);

            // And each shows the account with what both servers took.
            var (accountStatus, accountPage) = await staff.GetAsync($"/accounts/{Flat.Account}");
            Assert.Equal(HttpStatusCode.OK, accountStatus);
            Assert.Contains(">6116</td>", accountPage, StringComparison.Ordinal);
            Assert.Contains(">6120</td>", accountPage, StringComparison.Ordinal);
        }

        Assert.Equal(exports[0], exports[1]);
        var rows = exports[0].Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal([("EL-100", "day", "6120"), ("EL-100", "night", "2101"), ("CW-200", "total", "110"), ("CW-300", "total", "60")],
            rows.Select(r => (r[1], r[3], r[4])));
        // Read once both servers have stopped: everything they logged is then in (a line the console's buffer or a
        // loaded machine writes late included), and the shutdown is checked as well.
        await servers.A.StopAsync();
        await servers.B.StopAsync();
        foreach (var server in new[] { servers.A, servers.B })
        {
            Assert.True(server.LinesWith(" ERR ").Count == 0, $"server {server.Name} logged errors:\n{string.Join('\n', server.Log)}");
        }
    }

    [StoreFact]
    public async Task A_server_killed_mid_call_keeps_every_reading_the_caller_heard_accepted_and_the_caller_goes_on_at_the_other()
    {
        await using var servers = await StartAsync();

        // The caller confirms the electricity reading on A; the moment "accepted" plays, A is killed (kill -9).
        var heardAccepted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Call();
        first.Observer = new OnPrompt("ivr-readings/reading-accepted", heardAccepted);
        var caller = Keys("2 1234567# 1 1 6116# 2100# 1").Hold(killed.Task).Press("1");
        var call = SimulatedCall.RunAsync(servers.A.Agi, first, caller);
        await heardAccepted.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await servers.A.KillAsync();
        killed.SetResult();

        // The call on A ends; what the caller heard accepted is in the database.
        var ended = await call.WaitAsync(TimeSpan.FromSeconds(30));
        // Cut off without the goodbye: reset (the caller's next key hit the dead socket) or closed, as the kernel tore it down.
        Assert.Contains(ended.EndReason, new[] { SimEndReason.ConnectionFailed, SimEndReason.AppClosed });
        Assert.DoesNotContain("ivr-readings/goodbye", ended.Played);
        Assert.Equal([6116L, 2100], await HistoryAsync(servers));

        // The caller rings again. A refuses the connection, as Asterisk finds it; the next server on the list, B,
        // knows the caller's account from A's call and takes the rest.
        var refused = await SimulatedCall.RunAsync(servers.A.Agi, Call(), Keys("2"));
        Assert.Equal((SimEndReason.ConnectionFailed, 0), (refused.EndReason, refused.Commands.Count));
        // After the bathroom the electricity (given on A, not in this call) is the last meter left and is asked at once:
        // '#' alone finishes without it.
        var onB = await SimulatedCall.RunAsync(servers.B.Agi, Call(), Keys("2 1 2 1 110# 1 3 2 2 60# 1 #"));
        Assert.Equal("done", onB.Variables["IVR_RESULT"]);
        Assert.Contains("ivr-readings/known-account-offer", onB.Played);
        Assert.Equal([6116L, 2100, 110, 60], await HistoryAsync(servers));
        var exported = await servers.Get<IBillingStore>().ExportAsync(Flat.Period, CancellationToken.None).ToListAsync();
        Assert.Equal([6116L, 2100, 110, 60], exported.Select(r => r.Value));
    }

    /// <summary>The flat's readings in the order they were submitted, whichever server took them.</summary>
    private static async Task<IReadOnlyList<long>> HistoryAsync(TwoServers servers) =>
        (await servers.Get<IReadingStore>().AccountHistoryAsync(Flat.Account, CancellationToken.None)).Select(r => r.Value).ToList();

    /// <summary>Completes <paramref name="heard"/> when <paramref name="prompt"/> starts playing to the caller.</summary>
    private sealed class OnPrompt(string prompt, TaskCompletionSource heard) : ISimCallObserver
    {
        public void OnPlay(SimulatedCall call, string file, TimeSpan duration)
        {
            if (file == prompt)
            {
                heard.TrySetResult();
            }
        }
    }
}
