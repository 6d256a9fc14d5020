using IvrReadings.CallFlow.Flow;
using IvrReadings.CallFlow.Runner;
using IvrReadings.Domain;
using Microsoft.Extensions.Logging;
using DomainRecognition = IvrReadings.Domain.RecognitionResult;

namespace IvrReadings.CallFlow.Voice;

/// <summary>What the voice flow leaves behind for staff, and what it takes off their list once the caller confirmed it.</summary>
internal sealed partial class VoiceReview(IReadingStore readings, IRecordingStore recordings, Organisation organisation, TimeProvider time,
    ILogger<VoiceReview> logger)
{
    /// <summary>The caller confirmed what these recordings were about and it is stored. Best effort: a recording left
    /// Uncertain only means staff look at a call that was fine.</summary>
    public Task SettleAsync(VoiceCall call, SettleRecordings settle, CancellationToken ct) =>
        call.Journal.SafelyAsync(async () =>
        {
            foreach (var id in settle.RecordingIds)
            {
                var heard = call.Heard.GetValueOrDefault(id);
                await recordings.SetRecognitionAsync(id, new DomainRecognition(RecognitionStatus.Recognized, heard.Text, heard.Json), ct).ConfigureAwait(false);
            }
        });

    /// <summary>NeedsReview readings (channel Voice) for a meter left to staff; best effort: its recordings are kept anyway.</summary>
    public async Task StoreForReviewAsync(VoiceCall call, StoreForReview review, CancellationToken ct)
    {
        if (VoiceIds.MeterId(review.Meter.MeterId) is not { } meterId)
        {
            return;
        }

        var now = time.GetUtcNow();
        var period = organisation.Window.PeriodAt(now);
        var batch = new List<NewReading>();
        for (var i = 0; i < review.Values.Count && i < review.Meter.Registers.Count; i++)
        {
            if (review.Values[i] is { } value)
            {
                batch.Add(new NewReading(meterId, VoiceIds.ToDomainZone(review.Meter.Registers[i].Zone), value, period, now, SubmissionChannel.Voice,
                    ReadingStatus.NeedsReview, ReadingFlags.None, call.CallerId, call.CallId));
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        await call.Journal.SafelyAsync(async () =>
        {
            var stored = await readings.SubmitAsync(batch, ct).ConfigureAwait(false);
            LogForReview(call.CallId, review.Meter.MeterId, review.AccountNumber, string.Join(',', review.Values));
            call.Journal.Append(CallEventKind.Note, call.State.Step, "for staff review: " + string.Join(',', review.Values),
                CallJournal.ReadingsData(meterId.ToString(System.Globalization.CultureInfo.InvariantCulture), stored));
        }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} left meter {MeterId} of account {Account} to staff with the machine's figures {Values}")]
    private partial void LogForReview(string callId, string meterId, string account, string values);
}

/// <summary>The flow's names for meters and zones as the stores know them.</summary>
internal static class VoiceIds
{
    public static long? MeterId(string? id) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    public static Zone ToDomainZone(FlowZone zone) => zone switch
    {
        FlowZone.Day => Zone.Day,
        FlowZone.Night => Zone.Night,
        FlowZone.Peak => Zone.Peak,
        FlowZone.SemiPeak => Zone.SemiPeak,
        _ => Zone.Total,
    };
}
