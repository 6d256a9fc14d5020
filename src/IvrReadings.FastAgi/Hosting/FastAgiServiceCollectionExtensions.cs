using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IvrReadings.FastAgi;

public static class FastAgiServiceCollectionExtensions
{
    /// <summary>Registers the FastAGI server with options bound from <paramref name="section"/>
    /// (pass <c>configuration.GetSection("FastAgi")</c>).</summary>
    public static IServiceCollection AddFastAgi(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<FastAgiOptions>().Bind(section);
        return services.AddFastAgiCore();
    }

    /// <summary>Registers the FastAGI server with options set in code.</summary>
    public static IServiceCollection AddFastAgi(this IServiceCollection services, Action<FastAgiOptions>? configure = null)
    {
        var builder = services.AddOptions<FastAgiOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return services.AddFastAgiCore();
    }

    /// <summary>Routes calls whose <c>agi_network_script</c> path is <paramref name="scriptName"/> to
    /// <typeparamref name="THandler"/> (resolved from a DI scope created per call).</summary>
    public static IServiceCollection AddAgiScript<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IServiceCollection services, string scriptName)
        where THandler : class, IAgiScriptHandler
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scriptName);
        services.TryAddScoped<THandler>();
        services.AddSingleton(new AgiScriptRegistration(scriptName, typeof(THandler)));
        return services;
    }

    /// <summary>Listens for FastAGI on <c>FastAgi:Listen</c> while the host runs (needs <c>AddFastAgi</c>). Command-line
    /// tools that only use the services leave it out.</summary>
    public static IServiceCollection AddFastAgiListener(this IServiceCollection services)
    {
        services.AddHostedService<FastAgiListener>();
        // The host waits for the calls to drain: the grace, the notice to callers still on the line, and a margin.
        services.AddOptions<HostOptions>().Configure<IOptions<FastAgiOptions>>((host, fastAgi) =>
        {
            var needed = fastAgi.Value.ShutdownGrace + fastAgi.Value.ShutdownNotice + TimeSpan.FromSeconds(5);
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });
        return services;
    }

    private static IServiceCollection AddFastAgiCore(this IServiceCollection services)
    {
        services.TryAddSingleton<FastAgiServer>();
        services.TryAddSingleton<IFastAgiStatus>(sp => sp.GetRequiredService<FastAgiServer>());
        return services;
    }
}
