using IvrReadings.Storage.Sql;
using Microsoft.Extensions.Logging;

namespace IvrReadings.Storage;

internal static class DatabaseFactory
{
    public static Database Create(DatabaseOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider.Trim().ToLowerInvariant() switch
        {
            "sqlite" => new SqliteDatabase(string.IsNullOrWhiteSpace(options.ConnectionString) ? $"Data Source={DatabaseOptions.DefaultSqliteFile}" : options.ConnectionString,
                options, loggerFactory.CreateLogger<SqliteDatabase>()),
            "postgres" or "postgresql" => new PostgresDatabase(string.IsNullOrWhiteSpace(options.ConnectionString)
                ? throw new InvalidOperationException("Database:ConnectionString is required for Database:Provider=postgres.")
                : options.ConnectionString, options),
            _ => throw new InvalidOperationException($"Database:Provider must be 'sqlite' or 'postgres', not '{options.Provider}'."),
        };
    }
}
