using IvrReadings.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IvrReadings.Testing;

/// <summary>A fresh, empty, real database for one test, dropped afterwards.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public abstract DatabaseOptions Options { get; }

    /// <summary>Options pointing at a database that cannot be reached.</summary>
    public abstract DatabaseOptions Unreachable { get; }

    /// <summary>
    /// Whether tests on <paramref name="provider"/> run here: SQLite always; PostgreSQL where a test server is configured,
    /// and always under <c>CI=true</c> (where a missing server must fail, not skip).
    /// </summary>
    public static bool Available(string provider) => provider != Postgres || PostgresTarget.ConnectionString is not null || PostgresTarget.IsCi;

    /// <summary>A fresh database of <paramref name="provider"/> (<see cref="Sqlite"/> or <see cref="Postgres"/>).</summary>
    public static async Task<TestDatabase> CreateAsync(string provider) => provider switch
    {
        Sqlite => new SqliteTestDatabase(),
        Postgres => await PostgresTestDatabase.CreateAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "sqlite or postgres"),
    };

    /// <summary>
    /// Options for a server or tool on this database, with <paramref name="migrateOnStart"/> and
    /// <paramref name="autoFill"/> as asked (the test options have both off).
    /// </summary>
    public DatabaseOptions For(bool migrateOnStart = true, bool autoFill = false) => new()
    {
        Provider = Options.Provider, ConnectionString = Options.ConnectionString, MigrateOnStart = migrateOnStart, AutoFill = autoFill,
    };

    /// <summary>Runs SQL straight on the database, outside the stores (to set up a state no store call leads to, or to check one).</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    protected abstract System.Data.Common.DbConnection Open();

    public abstract ValueTask DisposeAsync();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "ivr-storage-tests", Guid.NewGuid().ToString("N"));

    public SqliteTestDatabase()
    {
        Directory.CreateDirectory(directory);
        Options = new DatabaseOptions { Provider = "sqlite", ConnectionString = $"Data Source={Path.Combine(directory, "ivr.db")}", MigrateOnStart = false, AutoFill = false };
    }

    public override DatabaseOptions Options { get; }

    // A directory where the file should be: SQLite cannot open it.
    public override DatabaseOptions Unreachable => new() { Provider = "sqlite", ConnectionString = $"Data Source={directory}", MigrateOnStart = false, AutoFill = false, CommandTimeoutSeconds = 2 };

    protected override System.Data.Common.DbConnection Open() => new SqliteConnection(Options.ConnectionString);

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string admin;
    private readonly string name;

    private PostgresTestDatabase(string admin, string name, string connectionString)
    {
        this.admin = admin;
        this.name = name;
        Options = new DatabaseOptions { Provider = "postgres", ConnectionString = connectionString, MigrateOnStart = false, AutoFill = false };
    }

    public override DatabaseOptions Options { get; }

    public override DatabaseOptions Unreachable => new()
    {
        Provider = "postgres", ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2", MigrateOnStart = false, AutoFill = false, CommandTimeoutSeconds = 2,
    };

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var admin = PostgresTarget.ConnectionString
            ?? throw new InvalidOperationException("CI=true but no test PostgreSQL is configured: " + PostgresTarget.HowTo + ".");
        var name = "ivr_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new PostgresTestDatabase(admin, name, builder.ConnectionString);
    }

    protected override System.Data.Common.DbConnection Open() => new NpgsqlConnection(Options.ConnectionString);

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
