using System.Data.Common;
using IvrReadings.Domain;

namespace IvrReadings.Storage.Sql;

/// <summary>Column lists and row mappers shared by the stores.</summary>
internal static class Rows
{
    public const string ReadingColumns = "id, meter_id, zone, value, period, submitted_at, channel, status, flags, caller_number, call_id, entered_by";

    public const string MeterColumns = "id, account_number, serial, kind, zones, digits, description, last_value_1, last_value_2, last_value_3, last_date, verification_date, autofill";

    public const string CallColumns = "call_id, channel, script, caller_number, language, started_at, ended_at, outcome, last_step, account_number, reviewed_by, reviewed_at, asterisk_uniqueid, asterisk_channel, asterisk_system";

    public const string RecordingColumns = "id, call_id, step, file_path, recorded_at, account_number, meter_id, zone, recognized_text, alternatives_json, status, "
        + "CASE WHEN EXISTS (SELECT 1 FROM recording_audio a WHERE a.recording_id = recordings.id) THEN 1 ELSE 0 END";

    public static Reading Reading(DbDataReader r) => new(
        r.Int64(0), r.Int64(1), DbValues.Enum<Zone>(r.GetString(2)), r.Int64(3), BillingPeriod.FromKey(r.Int32(4)),
        DbValues.FromDb(r.Int64(5)), DbValues.Enum<SubmissionChannel>(r.GetString(6)), DbValues.Enum<ReadingStatus>(r.GetString(7)),
        (ReadingFlags)r.Int32(8), r.NullableString(9), r.NullableString(10), r.NullableString(11));

    public static Meter Meter(DbDataReader r)
    {
        var zoneCount = r.Int32(4);
        var lastDate = r.NullableString(10) is { } d ? DbValues.DateFromDb(d) : (DateOnly?)null;
        var last = new List<ZoneReading>(zoneCount);
        if (lastDate is { } date)
        {
            var zones = Zones.InAskingOrder(zoneCount);
            for (var i = 0; i < zoneCount; i++)
                if (r.NullableInt64(7 + i) is { } value) last.Add(new ZoneReading(zones[i], value, date));
        }

        return new Meter(r.Int64(0), r.GetString(1), r.GetString(2), DbValues.Enum<MeterKind>(r.GetString(3)), zoneCount, r.Int32(5),
            r.GetString(6), last, r.NullableString(11) is { } v ? DbValues.DateFromDb(v) : null, r.NullableInt64(12));
    }

    public static CallRecord Call(DbDataReader r) => new(
        r.GetString(0), DbValues.Enum<SubmissionChannel>(r.GetString(1)), r.GetString(2), r.NullableString(3),
        DbValues.Enum<PromptLanguage>(r.GetString(4)), DbValues.FromDb(r.Int64(5)),
        r.NullableInt64(6) is { } ended ? DbValues.FromDb(ended) : null,
        r.NullableString(7) is { } outcome ? DbValues.Enum<CallOutcome>(outcome) : null,
        r.NullableString(8), r.NullableString(9), r.NullableString(10),
        r.NullableInt64(11) is { } reviewed ? DbValues.FromDb(reviewed) : null,
        r.IsDBNull(12) && r.IsDBNull(13) && r.IsDBNull(14) ? null : new AsteriskCallIds(r.NullableString(12), r.NullableString(13), r.NullableString(14)));

    public static Recording Recording(DbDataReader r) => new(
        r.Int64(0), r.GetString(1), r.GetString(2), r.GetString(3), DbValues.FromDb(r.Int64(4)), r.NullableString(5), r.NullableInt64(6),
        r.NullableString(7) is { } zone ? DbValues.Enum<Zone>(zone) : null, r.NullableString(8), r.NullableString(9),
        DbValues.Enum<RecognitionStatus>(r.GetString(10)), r.Int32(11) == 1);

    public static async Task<List<T>> ListAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(map(reader));
        return list;
    }

    public static async Task<long> ScalarAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
