using System.Globalization;

namespace IvrReadings.Benchmarks;

/// <summary>What the suites share: options, the PostgreSQL that <c>scripts/bench.sh</c> starts, the machine's load.</summary>
internal static class Bench
{
    /// <summary>The test PostgreSQL's admin connection (env <c>IVR_TEST_POSTGRES</c> or <c>.build/postgres.conn</c>), or null.</summary>
    public static string? PostgresConnection()
    {
        var fromEnv = Environment.GetEnvironmentVariable("IVR_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv;
        var file = Path.Combine(".build", "postgres.conn");
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }

    /// <summary>An empty database of that name (dropped first if it exists); its connection string.</summary>
    public static async Task<string> FreshPostgresAsync(string admin, string database)
    {
        await using (var connection = new Npgsql.NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static int Option(string[] args, string name, int fallback) =>
        OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public static string? OptionText(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
