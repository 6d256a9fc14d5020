using IvrReadings.AsteriskSim;
using IvrReadings.CallFlow;
using IvrReadings.CallFlow.Voice;
using IvrReadings.FastAgi;
using IvrReadings.Speech;
using IvrReadings.Storage;
using IvrReadings.Web;

namespace IvrReadings.Host.Hosting;

/// <summary>Every service of the product, registered in one place so Program and the commands stay thin.</summary>
public static class ServiceRegistration
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddIvrStorage(configuration);
        var fastAgi = configuration.GetSection(FastAgiOptions.SectionName);
        builder.Services.AddFastAgi(fastAgi);
        builder.Services.AddSpeech(configuration);
        builder.Services.AddCallFlows(configuration);
        builder.Services.AddVoiceFlow(configuration);

        // The scripts `ivr-readings loadtest` plays against (a scripted exchange, no data touched), so a utility can
        // size a deployment against the very server it runs; only when asked for (`serve --bench`).
        if (bool.TryParse(fastAgi[nameof(FastAgiOptions.BenchScripts)], out var bench) && bench)
        {
            builder.Services.AddAgiScript<BenchScriptHandler>(BenchScriptHandler.ScriptName);
            builder.Services.AddAgiScript<BenchHoldScriptHandler>(BenchHoldScriptHandler.ScriptName);
        }

        builder.Services.AddStaffConsole(configuration);

        builder.Services.AddSingleton<IHealthContributor, FastAgiHealth>();
        builder.Services.AddSingleton<IHealthContributor, DatabaseHealthContributor>();
        builder.Services.AddSingleton<IHealthContributor, SpeechHealth>();
        return builder;
    }

    /// <summary>
    /// Two listeners in one host: the staff console over HTTP in Kestrel (<c>Console:Urls</c>, default
    /// 127.0.0.1:8080) and FastAGI on its own socket (<c>FastAgi:Listen</c>, default 127.0.0.1:4573).
    /// </summary>
    public static WebApplicationBuilder AddListeners(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddSingleton<ConsoleConnectionLimit>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var caps = kestrel.ApplicationServices.GetRequiredService<ConsoleConnectionLimit>();
            kestrel.ListenStaffConsole(configuration, caps.Console, caps.Monitor);
        });
        builder.Services.AddFastAgiListener();
        // A server runs for months: the native heap's free pages go back to the system (see NativeHeap).
        builder.Services.AddHostedService<NativeHeap>();
        return builder;
    }
}
