using System.Globalization;
using IvrReadings.Domain;

namespace IvrReadings.Storage.Sql;

/// <summary>
/// Column encodings shared by both providers: instants as UTC microseconds since the Unix epoch (sortable integers, no
/// provider time-zone semantics), dates as ISO text, enums as their names.
/// </summary>
internal static class DbValues
{
    public static long ToDb(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromDb(long micros) => new(DateTimeOffset.UnixEpoch.UtcTicks + micros * 10, TimeSpan.Zero);

    public static string ToDb(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly DateFromDb(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static T Enum<T>(string text) where T : struct, System.Enum => System.Enum.Parse<T>(text);

    /// <summary>Zones in asking order inside a meter (Day before Night; Peak, SemiPeak before Night) for ORDER BY.</summary>
    public const string ZoneRank = "CASE zone WHEN 'Total' THEN 0 WHEN 'Day' THEN 1 WHEN 'Peak' THEN 1 WHEN 'SemiPeak' THEN 2 ELSE 3 END";

    public static int Rank(Zone zone) => zone switch
    {
        Zone.Total => 0,
        Zone.Day or Zone.Peak => 1,
        Zone.SemiPeak => 2,
        _ => 3,
    };
}
