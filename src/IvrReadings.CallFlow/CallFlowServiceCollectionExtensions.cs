using IvrReadings.CallFlow.Runner;
using IvrReadings.FastAgi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IvrReadings.CallFlow;

public static class CallFlowServiceCollectionExtensions
{
    /// <summary>
    /// Registers the touch-tone readings flow as AGI script <c>CallFlow:ScriptName</c> (default <c>readings</c>),
    /// with options from section <c>CallFlow</c>. Needs the stores and <see cref="Domain.Organisation"/>
    /// (<c>AddIvrStorage</c>) and the FastAGI server (<c>AddFastAgi</c>). Also the <see cref="CallLogQueue"/> both flows
    /// journal through (a hosted service: register it before the FastAGI listener, so it stops after the calls have drained).
    /// </summary>
    public static IServiceCollection AddCallFlows(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(CallFlowOptions.Section);
        services.AddOptions<CallFlowOptions>().Bind(section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CallLogQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<CallLogQueue>());
        var scriptName = section[nameof(CallFlowOptions.ScriptName)] is { Length: > 0 } name ? name : new CallFlowOptions().ScriptName;
        services.AddAgiScript<ReadingsScriptHandler>(scriptName);
        return services;
    }
}
