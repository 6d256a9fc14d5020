using IvrReadings.AsteriskSim;

namespace IvrReadings.FastAgi.Tests.Support;

/// <summary>Completes when the fake Asterisk receives a command starting with the given words.</summary>
public sealed class CommandSignal(string prefix) : ISimCallObserver
{
    private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Seen => _seen.Task;

    public void OnCommand(SimulatedCall call, string line)
    {
        if (line.StartsWith(prefix, StringComparison.Ordinal))
        {
            _seen.TrySetResult();
        }
    }
}
