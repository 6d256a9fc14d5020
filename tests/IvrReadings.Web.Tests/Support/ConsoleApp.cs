using System.Net;
using IvrReadings.Domain;
using IvrReadings.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IvrReadings.Web.Tests.Support;

/// <summary>
/// The real console: a WebApplication with the real storage (a SQLite file in a temp directory, or a fresh PostgreSQL
/// database dropped afterwards), Kestrel on 127.0.0.1 with a free port. No test host, no mocks.
/// </summary>
public sealed class ConsoleApp : IAsyncDisposable
{
    private readonly TestDatabase? database;

    private ConsoleApp(WebApplication app, string root, Uri address, TestDatabase? database)
    {
        this.database = database;
        App = app;
        Root = root;
        Address = address;
    }

    public WebApplication App { get; }

    public string Root { get; }

    public string RecordingsDirectory => Path.Combine(Root, "recordings");

    public Uri Address { get; }

    public IServiceProvider Services => App.Services;

    /// <param name="provider"><see cref="TestDatabase.Sqlite"/> (a file under the app's root) or <see cref="TestDatabase.Postgres"/> (a fresh database).</param>
    public static async Task<ConsoleApp> StartAsync(IDictionary<string, string?>? extra = null, string provider = TestDatabase.Sqlite)
    {
        var root = Directory.CreateTempSubdirectory("ivr-console-").FullName;
        var database = provider == TestDatabase.Sqlite ? null : await TestDatabase.CreateAsync(provider);
        Directory.CreateDirectory(Path.Combine(root, "recordings"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = root, EnvironmentName = "Testing" });
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = database?.Options.ConnectionString ?? $"Data Source={Path.Combine(root, "ivr.db")}",
            ["Database:MigrateOnStart"] = "true",
            ["Database:AutoFill"] = "false",
            ["Recordings:Directory"] = Path.Combine(root, "recordings"),
            ["Organisation:Name"] = "Test Energo",
            ["Organisation:Language"] = "ru",
            ["Organisation:TimeZone"] = "Europe/Moscow",
            // Readings are taken every day of the month here, so the rules never refuse a figure for the date the tests run on.
            ["Organisation:WindowFirstDay"] = "1",
            ["Organisation:WindowLastDay"] = "31",
            // Sign-in limits high enough for tests that sign in often from one address; their own tests lower them.
            ["Console:SignInLimitPerAddress"] = "1000",
            ["Console:SignInLimitPerLogin"] = "1000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.AddIvrStorage(builder.Configuration);
        builder.Services.AddStaffConsole(builder.Configuration);

        var app = builder.Build();
        app.MapStaffConsole();
        app.MapMetrics();
        await app.Services.GetRequiredService<IDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConsoleApp(app, root, new Uri(address), database);
    }

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
