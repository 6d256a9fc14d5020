namespace IvrReadings.Testing;

/// <summary>
/// Where the test PostgreSQL is: env <c>IVR_TEST_POSTGRES</c>, else the file <c>.build/postgres.conn</c> that
/// <c>scripts/postgres/start-test-server.sh</c> writes (looked for from the test binaries up to the repository root).
/// </summary>
internal static class PostgresTarget
{
    public const string HowTo = "run scripts/postgres/start-test-server.sh (it writes .build/postgres.conn) or set IVR_TEST_POSTGRES to an admin connection string";

    private static readonly Lazy<string?> Found = new(Find);

    public static string? ConnectionString => Found.Value;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("IVR_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv.Trim();
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, ".build", "postgres.conn");
            if (File.Exists(file)) return File.ReadAllText(file).Trim();
        }

        return null;
    }
}
