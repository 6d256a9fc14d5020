using Npgsql;

namespace IvrReadings.Web.Tests.Support;

/// <summary>
/// A fresh database on the test PostgreSQL (env <c>IVR_TEST_POSTGRES</c>, else <c>.build/postgres.conn</c> written by
/// <c>scripts/postgres/start-test-server.sh</c>), dropped afterwards.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string HowTo = "run scripts/postgres/start-test-server.sh (it writes .build/postgres.conn) or set IVR_TEST_POSTGRES";

    private readonly string admin;
    private readonly string name;

    private PostgresDatabase(string admin, string name, string connectionString)
    {
        this.admin = admin;
        this.name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>The admin connection string, or null when no test PostgreSQL is set up.</summary>
    public static string? Admin { get; } = Find();

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = Admin ?? throw new InvalidOperationException("No test PostgreSQL: " + HowTo + ".");
        var name = "ivr_web_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new PostgresDatabase(admin, name, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string? Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("IVR_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return fromEnv.Trim();
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, ".build", "postgres.conn");
            if (File.Exists(file))
            {
                return File.ReadAllText(file).Trim();
            }
        }

        return null;
    }
}

/// <summary>A test that needs the test PostgreSQL: skipped with the reason where none is set up, run (and failing clearly) under CI=true.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresDatabase.Admin is null && !PostgresDatabase.IsCi)
        {
            Skip = "No test PostgreSQL: " + PostgresDatabase.HowTo;
        }
    }
}
