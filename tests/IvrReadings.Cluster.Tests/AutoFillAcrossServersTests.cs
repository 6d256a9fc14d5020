using IvrReadings.Cluster.Tests.Support;
using IvrReadings.Domain;
using IvrReadings.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Cluster.Tests;

/// <summary>Auto-fill is decided in the database: two servers that both find last month's window closed fill it once, one of them.</summary>
public sealed class AutoFillAcrossServersTests : INeedsPostgres
{
    private const int Meters = 3000;

    [StoreFact]
    public async Task Two_servers_starting_together_fill_last_month_once_and_only_one_of_them_does_it()
    {
        var period = Flat.Period.Previous();
        var billed = new DateOnly(period.Previous().Year, period.Previous().Month, 10);
        await using var servers = await TwoServers.StartAsync(stores => stores.GetRequiredService<IBillingStore>().UpsertAsync(
            Enumerable.Range(0, Meters).Select(i => new AccountImportRow($"{5000000 + (i / 2)}", "ул. Мира, 1", "", $"AF-{i:D5}", MeterKind.ColdWater, 1, 5, "",
                [100 + i], billed, null, 7)).ToList(), CancellationToken.None), autoFill: true);

        // Both servers check at start; the period is filled when its run row is closed.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (await servers.Database.ScalarAsync($"SELECT COUNT(*) FROM autofill_runs WHERE period = {period.Key} AND finished_at IS NOT NULL") is not 1L)
        {
            Assert.True(DateTime.UtcNow < deadline, "last month was never auto-filled:\n" + string.Join('\n', servers.A.Log.Concat(servers.B.Log)));
            await Task.Delay(200);
        }

        Assert.Equal((long)Meters, await servers.Database.ScalarAsync(
            $"SELECT COUNT(*) FROM readings WHERE period = {period.Key} AND channel = 'AutoFill'"));
        Assert.Equal(0L, await servers.Database.ScalarAsync(
            $"SELECT COUNT(*) FROM (SELECT meter_id FROM readings WHERE period = {period.Key} GROUP BY meter_id HAVING COUNT(*) > 1) twice"));
        var exported = await servers.Get<IBillingStore>().ExportAsync(period, CancellationToken.None).ToListAsync();
        Assert.Equal(Enumerable.Range(0, Meters).Select(i => 107L + i), exported.Select(r => r.Value));

        // One server did the work and says so; the other found it running or done. The line is logged after the run's
        // row is closed and reaches stdout through the console log's buffer, so the log is read once both servers have
        // stopped (their graceful shutdown flushes it, and their output is read to its end): everything either will
        // ever say is there, however late a loaded machine wrote it. (Before: one wait for the first line, then a fixed
        // second for a second line that would prove the rule broken.)
        await servers.A.StopAsync();
        await servers.B.StopAsync();
        List<string> done = [.. servers.A.LinesWith($"Auto-filled {period}"), .. servers.B.LinesWith($"Auto-filled {period}")];
        Assert.Equal($"Auto-filled {period}: {Meters} readings for {Meters} meters", Assert.Single(done)[(done[0].IndexOf("Auto-filled", StringComparison.Ordinal))..].Trim());
        var owner = (string)(await servers.Database.ScalarAsync($"SELECT owner FROM autofill_runs WHERE period = {period.Key}"))!;
        var doer = servers.A.LinesWith($"Auto-filled {period}").Count == 1 ? servers.A : servers.B;
        Assert.Contains($"/{doer.Pid}/", owner, StringComparison.Ordinal);
    }
}
