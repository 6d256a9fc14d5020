namespace IvrReadings.Host.Hosting;

/// <summary>
/// Builds the one host process: configuration (appsettings, environment, command line), Serilog,
/// and every service. <c>serve</c> runs it; the other commands build it and use its services.
/// </summary>
public static class AppHost
{
    /// <param name="overrides">Settings a command's own options stand for (<c>serve --bench</c>); they win over every source.</param>
    /// <param name="settings">The command line's <c>--Section:Key=value</c> settings (<see cref="Cli.SettingArguments"/>).</param>
    public static WebApplicationBuilder CreateBuilder(IReadOnlyList<string> settings, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        // The slim builder: the console is plain HTTP on Kestrel (TLS belongs to a proxy in front), so the full builder's
        // HTTPS and HTTP/3 (QUIC) set-up, IIS integration and regex route constraints would only be loaded, never used
        // (~3 MB of a server's memory, docs/benchmarks-history-memory.md).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [.. settings],
            ContentRootPath = Directory.GetCurrentDirectory(),
        });

        // appsettings.json ships beside the binary; a copy in the working directory (or
        // IVR_READINGS_SETTINGS) overrides it, then environment variables, then the command line.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
        });
        var extra = Environment.GetEnvironmentVariable("IVR_READINGS_SETTINGS");
        if (!string.IsNullOrEmpty(extra))
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(extra), optional: false);
            builder.Configuration.AddEnvironmentVariables();
            builder.Configuration.AddCommandLine([.. settings]);
        }

        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        // Before anything is built: a setting to fix stops every command with its own message (SettingsCheck).
        SettingsCheck.ThrowIfWrong(builder.Configuration);
        builder.AddLogging();
        builder.AddApplicationServices();
        return builder;
    }
}
