using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IvrReadings.FastAgi;

/// <summary>Ties the FastAGI server to the host: listening once started, graceful drain on stop.</summary>
internal sealed class FastAgiLifetimeService(FastAgiServer server, IHostApplicationLifetime lifetime, IOptions<FastAgiOptions> options)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(server.MarkStarted);

        // ApplicationStopping fires before Kestrel stops; Kestrel then waits for connections (up to the host's
        // shutdown timeout) while our grace timer decides when running calls are cancelled.
        lifetime.ApplicationStopping.Register(() => server.BeginShutdown(options.Value.ShutdownGrace));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
