namespace IvrReadings.Storage.Tests.Support;

/// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, so a test would race it).</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
