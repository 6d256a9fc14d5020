using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IvrReadings.FastAgi.Tests.Support;

public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception, IReadOnlyDictionary<string, object?> Scope);

/// <summary>Keeps every log line with the values of its scopes and its own properties (<see cref="LogEntry.Scope"/>), so tests
/// can check the call id is on each one.</summary>
public sealed class CollectingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(CollectingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, object?>();
            provider._scopes.ForEachScope((value, dict) =>
            {
                if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, item) in pairs)
                    {
                        dict[key] = item;
                    }
                }
            }, scope);
            // A line's own properties too (the call's summary carries its CallId itself, as Serilog sees it).
            if (state is IEnumerable<KeyValuePair<string, object?>> properties)
            {
                foreach (var (key, item) in properties)
                {
                    if (key != "{OriginalFormat}")
                    {
                        scope.TryAdd(key, item);
                    }
                }
            }

            provider.Entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception, scope));
        }
    }
}
