using System.Collections.Concurrent;
using IvrReadings.Host.Hosting;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace IvrReadings.Host.Tests.Hosting;

/// <summary>The <c>Serilog</c> section is read from named assemblies (no scan of every DLL): the shipped sinks, and an
/// operator's own sink package as soon as <c>Using</c> names it, as with Serilog's own discovery.</summary>
public sealed class LoggingConfigurationTests
{
    private static Logger FromSection(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new LoggerConfiguration().ReadFrom.Configuration(configuration, HostLogging.ReaderOptions(configuration)).CreateLogger();
    }

    [Fact]
    public void A_sink_from_an_assembly_named_in_Using_is_configured()
    {
        var name = Guid.NewGuid().ToString("N");
        using (var logger = FromSection(
                   ("Serilog:Using:0", typeof(CollectingSinkExtensions).Assembly.GetName().Name!),
                   ("Serilog:WriteTo:0:Name", nameof(CollectingSinkExtensions.Collecting)),
                   ("Serilog:WriteTo:0:Args:name", name)))
        {
            logger.Information("Call ended: {Outcome}", "hangup");
        }

        Assert.Equal(["Call ended: \"hangup\""], CollectingSinkExtensions.Lines(name));
    }

    [Fact]
    public void The_shipped_sinks_are_found_without_Using()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ivr-log-{Guid.NewGuid():N}.txt");
        try
        {
            using (var logger = FromSection(("Serilog:WriteTo:0:Name", "File"), ("Serilog:WriteTo:0:Args:path", path)))
            {
                logger.Information("one line");
            }

            Assert.Contains("one line", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_assembly_in_Using_that_is_not_there_fails_at_start() =>
        Assert.Throws<FileNotFoundException>(() => FromSection(("Serilog:Using:0", "Serilog.Sinks.NotInstalled")));
}

/// <summary>An operator's sink package, as far as Serilog's configuration reader can tell.</summary>
public static class CollectingSinkExtensions
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Collected = new();

    public static LoggerConfiguration Collecting(this LoggerSinkConfiguration sinks, string name)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        return sinks.Sink(new CollectingSink(Collected.GetOrAdd(name, _ => new ConcurrentQueue<string>())));
    }

    public static IReadOnlyList<string> Lines(string name) => Collected.TryGetValue(name, out var lines) ? [.. lines] : [];

    private sealed class CollectingSink(ConcurrentQueue<string> lines) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => lines.Enqueue(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
