using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Serilog;
using Serilog.Events;
using Serilog.Settings.Configuration;

namespace IvrReadings.Host.Hosting;

/// <summary>Serilog the standard way: a bootstrap logger in Program, reconfigured by the host from the <c>Serilog</c>
/// section (appsettings, environment, command line); request logging for the console; every line of a call carries
/// <c>{CallId}</c> and <c>{Channel}</c> from the FastAGI server's log scope (<c>Enrich.FromLogContext</c>).</summary>
public static class HostLogging
{
    /// <summary>The console format when configuration gives none (the shipped appsettings.json uses the same). <c>:l</c>,
    /// not <c>:lj</c>: Serilog's text formatter quotes every non-string value as JSON under <c>j</c> (an enum read
    /// <c>ended by "Silence"</c>), where its console sink did not.</summary>
    public const string ConsoleTemplate = "{Timestamp:HH:mm:ss.fff} {Level:u3} {CallId} {Message:l}{NewLine}{Exception}";

    public static Serilog.ILogger CreateBootstrapLogger() => new LoggerConfiguration()
        .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
        .Enrich.FromLogContext()
        .WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: CultureInfo.InvariantCulture)
        .CreateBootstrapLogger();

    /// <summary>Where the <c>Serilog</c> section's sinks are looked for: the two sink packages the product ships, this
    /// assembly (<c>BufferedConsole</c>) and every assembly the section's <c>Using</c> names (an operator's own sink
    /// package). Without named assemblies Serilog's reader finds them by scanning the application's dependencies for
    /// "serilog" in their names, which loads System.Reflection.Metadata (and more of the reflection stack) into every
    /// server for nothing (~3.5 MB of RSS, docs/benchmarks-history-memory.md); given assemblies, it no longer reads <c>Using</c> itself.</summary>
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(BufferedConsoleSinkExtensions))]
    public static ConfigurationReaderOptions ReaderOptions(IConfiguration configuration) => new([.. SinkAssemblies(configuration)]);

    /// <summary>The assemblies of <see cref="ReaderOptions"/>.</summary>
    public static IReadOnlyList<Assembly> SinkAssemblies(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var assemblies = new List<Assembly>
        {
            typeof(ConsoleLoggerConfigurationExtensions).Assembly,
            typeof(FileLoggerConfigurationExtensions).Assembly,
            typeof(BufferedConsoleSinkExtensions).Assembly,
        };
        foreach (var name in configuration.GetSection("Serilog:Using").GetChildren().Select(c => c.Value))
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new InvalidOperationException("Serilog:Using names an empty assembly.");
            }

            var assembly = Assembly.Load(new AssemblyName(name));
            if (!assemblies.Contains(assembly))
            {
                assemblies.Add(assembly);
            }
        }

        return assemblies;
    }

    /// <summary>Serilog as the host's logging, configured from the <c>Serilog</c> section.</summary>
    public static WebApplicationBuilder AddLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration, ReaderOptions(builder.Configuration))
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());
        return builder;
    }

    /// <summary>One line per console request (method, path, status, time, staff login); /health and /metrics, polled by
    /// monitoring, only at Debug unless they fail.</summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSerilogRequestLogging(options =>
        {
            options.GetLevel = RequestLevel;
            options.EnrichDiagnosticContext = (context, http) =>
            {
                if (http.User.Identity is { IsAuthenticated: true, Name: { } login })
                {
                    context.Set("Staff", login);
                }
            };
        });
        return app;
    }

    /// <summary>
    /// The level of a console request's line: Error for a failure of ours; a request its client gave up on (a monitor's
    /// timeout, a closed tab) is not one, whatever the exception its cancellation raised, so it is logged like the
    /// request itself; /health and /metrics at Debug.
    /// </summary>
    public static LogEventLevel RequestLevel(HttpContext http, double elapsedMs, Exception? error)
    {
        ArgumentNullException.ThrowIfNull(http);
        var polled = http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/metrics");
        var clientGone = http.RequestAborted.IsCancellationRequested && (error is null or OperationCanceledException);
        return (error is not null || http.Response.StatusCode >= 500) && !clientGone ? LogEventLevel.Error
            : polled ? LogEventLevel.Debug
            : LogEventLevel.Information;
    }
}
