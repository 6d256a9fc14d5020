using IvrReadings.CallFlow;
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
        builder.Services.AddFastAgi(configuration.GetSection("FastAgi"));
        builder.Services.AddSpeech(configuration);
        builder.Services.AddCallFlows(configuration);
        builder.Services.AddStaffConsole(configuration);

        builder.Services.AddSingleton<IHealthContributor, FastAgiHealth>();
        builder.Services.AddSingleton<IHealthContributor, DatabaseHealthContributor>();
        builder.Services.AddSingleton<IHealthContributor, SpeechHealth>();
        return builder;
    }

    /// <summary>
    /// Two listeners in one Kestrel: the staff console over HTTP (<c>Console:Urls</c>, default
    /// 127.0.0.1:8080) and FastAGI over TCP (<c>FastAgi:Listen</c>, default 127.0.0.1:4573).
    /// </summary>
    public static WebApplicationBuilder AddListeners(this WebApplicationBuilder builder)
    {
        var urls = builder.Configuration["Console:Urls"] is { Length: > 0 } u ? u : "http://127.0.0.1:8080";
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Explicit Listen calls: ASPNETCORE_URLS and --urls are not used; Console:Urls is the one setting.
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var uri = new Uri(url);
                var address = uri.Host is "localhost" ? System.Net.IPAddress.Loopback : System.Net.IPAddress.Parse(uri.Host);
                kestrel.Listen(address, uri.Port);
            }

            kestrel.ListenFastAgi();
        });
        return builder;
    }
}
