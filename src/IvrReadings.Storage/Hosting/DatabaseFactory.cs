using IvrReadings.Storage.Sql;
using Microsoft.Extensions.Logging;

namespace IvrReadings.Storage;

internal static class DatabaseFactory
{
    public static Database Create(DatabaseOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems() is [var problem, ..])
        {
            throw new InvalidOperationException(problem);
        }

        return options.IsPostgres
            ? new PostgresDatabase(options.ConnectionString!, options)
            : new SqliteDatabase(string.IsNullOrWhiteSpace(options.ConnectionString) ? $"Data Source={DatabaseOptions.DefaultSqliteFile}" : options.ConnectionString,
                options, loggerFactory.CreateLogger<SqliteDatabase>());
    }
}
