using IvrReadings.Domain;
using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage.Stores;

internal sealed class SqlReportStore(Database db) : IReportStore
{
    public Task<Dashboard> DashboardAsync(DashboardQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return db.ReadAsync(async (s, ct) =>
        {
            var callsToday = await ByChannelAsync(s, "SELECT channel, COUNT(*) FROM calls WHERE started_at >= @from AND started_at < @to GROUP BY channel",
                query.TodayFrom, query.TodayTo, ct).ConfigureAwait(false);
            var callsPeriod = await ByChannelAsync(s, "SELECT channel, COUNT(*) FROM calls WHERE started_at >= @from AND started_at < @to GROUP BY channel",
                query.PeriodFrom, query.PeriodTo, ct).ConfigureAwait(false);
            var readingsToday = await ByChannelAsync(s, "SELECT channel, COUNT(*) FROM readings WHERE submitted_at >= @from AND submitted_at < @to GROUP BY channel",
                query.TodayFrom, query.TodayTo, ct).ConfigureAwait(false);
            var readingsPeriod = (await Rows.ListAsync(s.Command("SELECT channel, COUNT(*) FROM readings WHERE period = @p GROUP BY channel").Set("@p", query.Period.Key),
                r => (Channel: DbValues.Enum<SubmissionChannel>(r.GetString(0)), Count: r.Int32(1)), ct).ConfigureAwait(false))
                .ToDictionary(x => x.Channel, x => x.Count);
            var dropOffs = await Rows.ListAsync(s.Command("""
                SELECT COALESCE(last_step, ''), COUNT(*) AS n FROM calls
                WHERE started_at >= @from AND started_at < @to AND outcome IN ('Abandoned', 'Partial')
                GROUP BY COALESCE(last_step, '') ORDER BY n DESC, 1
                """).Set("@from", DbValues.ToDb(query.PeriodFrom)).Set("@to", DbValues.ToDb(query.PeriodTo)),
                r => new DropOff(r.GetString(0), r.Int32(1)), ct).ConfigureAwait(false);
            var backlog = await SqlReviewStore.CountAsync(s, ct).ConfigureAwait(false);
            return new Dashboard(callsToday, callsPeriod, readingsToday, readingsPeriod, dropOffs, backlog);
        }, cancellationToken);
    }

    private static async Task<IReadOnlyDictionary<SubmissionChannel, int>> ByChannelAsync(DbSession s, string sql, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        (await Rows.ListAsync(s.Command(sql).Set("@from", DbValues.ToDb(from)).Set("@to", DbValues.ToDb(to)),
            r => (Channel: DbValues.Enum<SubmissionChannel>(r.GetString(0)), Count: r.Int32(1)), ct).ConfigureAwait(false))
        .ToDictionary(x => x.Channel, x => x.Count);
}
