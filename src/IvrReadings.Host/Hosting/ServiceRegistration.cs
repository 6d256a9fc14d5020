namespace IvrReadings.Host.Hosting;

/// <summary>Every service of the product, registered in one place so Program and the commands stay thin.</summary>
public static class ServiceRegistration
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
