using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace IvrReadings.Speech.Tests.Support;

/// <summary>Collects what the speech counter records while the test runs.</summary>
internal sealed class RecordedMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<string> _outcomes = new();

    public RecordedMeasurements()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SpeechMetrics.MeterName && instrument.Name == SpeechMetrics.RecognitionsTotal)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    _outcomes.Enqueue((string)tag.Value!);
                }
            }
        });
        _listener.Start();
    }

    public IReadOnlyCollection<string> Outcomes => _outcomes;

    public void Dispose() => _listener.Dispose();
}
