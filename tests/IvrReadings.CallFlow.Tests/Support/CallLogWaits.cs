using IvrReadings.Domain;

namespace IvrReadings.CallFlow.Tests;

internal static class CallLogWaits
{
    /// <summary>The handler writes the end of the call just after the socket closes, so the test polls for it (30 s at most).</summary>
    public static async Task<CallRecord> WaitForEndAsync(this ICallLog callLog, string callId)
    {
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(30);)
        {
            if (await callLog.GetAsync(callId, CancellationToken.None) is { EndedAt: not null } call)
            {
                return call;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Call {callId} never ended in the call log.");
    }
}
