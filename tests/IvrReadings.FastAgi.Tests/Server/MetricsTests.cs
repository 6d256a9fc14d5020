using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IvrReadings.AsteriskSim;
using IvrReadings.FastAgi.Tests.Support;

namespace IvrReadings.FastAgi.Tests.Server;

public sealed class MetricsTests
{
    [Fact]
    public async Task Calls_commands_and_active_calls_are_measured_on_the_IvrReadings_meter()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "IvrReadings")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.Start();

        var scripts = new TestScripts().Add("metrics-test", async (ch, ct) =>
        {
            await ch.AnswerAsync(ct);
            await ch.StreamFileAsync("welcome", "", 0, ct);
        });
        await using var server = await TestServer.StartAsync(scripts);
        await server.CallAsync(new SimCallOptions { Script = "metrics-test" }, CallerScript.Create().HangUpDuringNextCommand());
        // The server closes the connection first and then records the call's end (the caller is not kept waiting for
        // it): the simulated caller can return before that. Its setup time is the last thing recorded.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!measurements.Any(m => m.Instrument == "ivr_fastagi_call_setup_seconds" && (string?)m.Tags["script"] == "metrics-test")
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Contains(measurements, m => m.Instrument == "ivr_fastagi_calls_total" && m.Value == 1
            && (string?)m.Tags["script"] == "metrics-test" && (string?)m.Tags["outcome"] == "hangup");
        Assert.Contains(measurements, m => m.Instrument == "ivr_fastagi_command_duration_seconds" && (string?)m.Tags["command"] == "ANSWER");
        Assert.Contains(measurements, m => m.Instrument == "ivr_fastagi_active_calls" && m.Value == 1);
        Assert.Contains(measurements, m => m.Instrument == "ivr_fastagi_active_calls" && m.Value == -1);
        // One setup time per call: environment block received to the first command (ANSWER) written, well under a second.
        // (Other tests' calls run in parallel on the same meter: this call's is the one with its script.)
        var setup = Assert.Single(measurements, m => m.Instrument == "ivr_fastagi_call_setup_seconds" && (string?)m.Tags["script"] == "metrics-test");
        Assert.InRange(setup.Value, 1e-7, 1.0);
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var (key, value) in tags)
        {
            result[key] = value;
        }

        return result;
    }
}
