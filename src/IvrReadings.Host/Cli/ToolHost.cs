using IvrReadings.Host.Hosting;
using IvrReadings.Storage;

namespace IvrReadings.Host.Cli;

/// <summary>
/// The host's services for a one-shot command: same configuration and database as <c>serve</c>,
/// schema migrated, nothing listening.
/// </summary>
public sealed class ToolHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ToolHost(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public static async Task<ToolHost> StartAsync(IReadOnlyList<string> settings, CancellationToken ct)
    {
        var app = AppHost.CreateBuilder(settings).Build();
        await app.Services.GetRequiredService<IDatabaseMigrator>().MigrateAsync(ct);
        return new ToolHost(app);
    }

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
