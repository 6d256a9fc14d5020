using IvrReadings.CallFlow.Flow;
using IvrReadings.Domain;

namespace IvrReadings.CallFlow.Runner;

/// <summary>
/// Maps between the domain stores and the flow's small types: an account with, per zone, the previous value and
/// the largest plausible rise (the domain's jump rule), and a confirmed reading back to <see cref="NewReading"/>s.
/// One instance per call (it keeps the meters and what the rules need of their histories: the few months
/// <see cref="IReadingStore.RulesHistoryAsync"/> reads, never the whole history, so a call costs the same however long it is).
/// </summary>
public sealed class ReadingsBackend(IAccountStore accounts, IReadingStore readings, Organisation organisation, TimeProvider time)
{
    private readonly Dictionary<string, (Meter Meter, IReadOnlyList<Reading> History, BillingPeriod Period)> _meters = new(StringComparer.Ordinal);

    public Organisation Organisation => organisation;

    public async Task<string?> FindCallerAccountAsync(string callerId, CancellationToken ct)
    {
        var found = await accounts.FindByCallerAsync(callerId, 1, ct).ConfigureAwait(false);
        return found.Count > 0 ? found[0].Number : null;
    }

    public async Task<FlowAccount?> LookupAsync(string accountNumber, CancellationToken ct)
    {
        var account = await accounts.FindAsync(accountNumber, ct).ConfigureAwait(false);
        if (account is null)
        {
            return null;
        }

        var period = organisation.Window.PeriodAt(time.GetUtcNow());
        var recent = await readings.RulesHistoryAsync(account.Meters, period, ct).ConfigureAwait(false);
        var meters = new List<FlowMeter>(account.Meters.Count);
        foreach (var meter in account.Meters)
        {
            var history = recent.Where(r => r.MeterId == meter.Id).ToList();
            var id = meter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _meters[id] = (meter, history, period);
            var registers = meter.Zones.Select(zone => Register(meter, history, zone, period)).ToArray();
            meters.Add(new FlowMeter(id, Kind(meter.Kind), meter.Description, Math.Min(meter.Digits, 12), registers));
        }

        return new FlowAccount(account.Number, meters);
    }

    /// <summary>Stores all zones of the reading in one transaction; returns when it is committed.</summary>
    public Task<IReadOnlyList<Reading>> StoreAsync(ConfirmedReading reading, string callId, string? callerNumber, CancellationToken ct) =>
        StoreAsync(reading, callId, callerNumber, SubmissionChannel.Keys, ct);

    /// <summary>The same for another channel (the voice flow stores <see cref="SubmissionChannel.Voice"/>).</summary>
    public async Task<IReadOnlyList<Reading>> StoreAsync(ConfirmedReading reading, string callId, string? callerNumber, SubmissionChannel channel, CancellationToken ct)
    {
        var (meter, history, period) = _meters[reading.Meter.MeterId];
        var now = time.GetUtcNow();
        if (organisation.Window.PeriodAt(now) is var current && current != period)
        {
            // The reading window moved on during the call: the rules judge against the months before the new period.
            history = await readings.RulesHistoryAsync([meter], current, ct).ConfigureAwait(false);
        }

        var zones = meter.Zones;
        var batch = new List<NewReading>(zones.Count);
        for (var i = 0; i < zones.Count; i++)
        {
            // The caller confirmed whatever the rules asked about; the rules still decide the period and the flags.
            var decision = ReadingCheck.Evaluate(organisation, meter, zones[i], reading.Values[i], history, now, confirmed: true);
            var flags = decision.Flags;
            if (reading.LowerThanPrevious && reading.Values[i] < (reading.Meter.Registers[i].Previous ?? long.MinValue))
            {
                flags |= ReadingFlags.LowerThanPrevious;
            }

            batch.Add(new NewReading(meter.Id, zones[i], reading.Values[i], decision.Period, now, channel,
                ReadingStatus.Accepted, flags, callerNumber, callId));
        }

        return await readings.SubmitAsync(batch, ct).ConfigureAwait(false);
    }

    private FlowRegister Register(Meter meter, IReadOnlyList<Reading> history, Zone zone, BillingPeriod period)
    {
        var previous = ReadingHistory.Previous(meter, history, zone, period);
        // The domain's jump rule decides what the flow asks the caller to confirm.
        var limit = ReadingCheck.JumpLimitFor(organisation, meter, zone, history, period);
        return new FlowRegister(Zone(zone), previous?.Value, limit is { } l ? (long)Math.Floor(l.MaxRise) : null);
    }

    private static FlowMeterKind Kind(MeterKind kind) => kind switch
    {
        MeterKind.Electricity => FlowMeterKind.Electricity,
        MeterKind.Gas => FlowMeterKind.Gas,
        MeterKind.ColdWater => FlowMeterKind.ColdWater,
        MeterKind.HotWater => FlowMeterKind.HotWater,
        _ => FlowMeterKind.Heat,
    };

    private static FlowZone Zone(Zone zone) => zone switch
    {
        Domain.Zone.Day => FlowZone.Day,
        Domain.Zone.Night => FlowZone.Night,
        Domain.Zone.Peak => FlowZone.Peak,
        Domain.Zone.SemiPeak => FlowZone.SemiPeak,
        _ => FlowZone.Single,
    };
}
