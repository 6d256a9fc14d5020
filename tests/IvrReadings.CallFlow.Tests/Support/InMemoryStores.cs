using IvrReadings.Domain;

namespace IvrReadings.CallFlow.Tests;

/// <summary>Dictionary-backed stores: accounts, an append-only reading list, a call log. <see cref="Down"/> = database unreachable.</summary>
internal sealed class InMemoryStores : IAccountStore, IReadingStore, ICallLog
{
    private long _nextId = 1;

    public Dictionary<string, Account> Accounts { get; } = [];

    public Dictionary<string, string> CallerAccounts { get; } = [];

    public List<Reading> Readings { get; } = [];

    public Dictionary<string, CallRecord> Calls { get; } = [];

    public List<CallEventRecord> Events { get; } = [];

    public bool Down { get; set; }

    public static InMemoryStores WithStandardFlat()
    {
        var stores = new InMemoryStores();
        stores.Accounts[Domain.StandardAccount.Number] = Domain.StandardAccount;
        return stores;
    }

    private void ThrowIfDown()
    {
        if (Down)
        {
            throw new StorageUnavailableException();
        }
    }

    public Task<Account?> FindAsync(string accountNumber, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return Task.FromResult(Accounts.GetValueOrDefault(accountNumber));
    }

    public Task<IReadOnlyList<Account>> FindByCallerAsync(string callerNumber, int max, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        IReadOnlyList<Account> found = CallerAccounts.TryGetValue(callerNumber, out var number) ? [Accounts[number]] : [];
        return Task.FromResult(found);
    }

    public Task<Meter?> FindMeterAsync(long meterId, CancellationToken cancellationToken) =>
        Task.FromResult(Accounts.Values.SelectMany(a => a.Meters).FirstOrDefault(m => m.Id == meterId));

    public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(Accounts.Count);

    public Task<IReadOnlyList<Reading>> SubmitAsync(IReadOnlyList<NewReading> readings, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        var stored = readings.Select(r => new Reading(_nextId++, r.MeterId, r.Zone, r.Value, r.Period, r.SubmittedAt, r.Channel, r.Status,
            r.Flags, r.CallerNumber, r.CallId, r.EnteredBy)).ToList();
        Readings.AddRange(stored);
        return Task.FromResult<IReadOnlyList<Reading>>(stored);
    }

    public Task<IReadOnlyList<Reading>> HistoryAsync(long meterId, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return Task.FromResult<IReadOnlyList<Reading>>(Readings.Where(r => r.MeterId == meterId).ToList());
    }

    public Task<IReadOnlyList<Reading>> RulesHistoryAsync(IReadOnlyList<Meter> meters, BillingPeriod period, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return Task.FromResult<IReadOnlyList<Reading>>([.. meters.SelectMany(m => ReadingHistory.ForRules(m, Readings, period))]);
    }

    public Task<IReadOnlyList<Reading>> AccountHistoryAsync(string accountNumber, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<Reading>> ForCallAsync(string callId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Reading>>(Readings.Where(r => r.CallId == callId).ToList());

    public Task<AutoFillSummary> AutoFillAsync(BillingPeriod period, DateTimeOffset at, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task StartAsync(CallStart call, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        Calls[call.CallId] = new CallRecord(call.CallId, call.Channel, call.Script, call.CallerNumber, call.Language, call.StartedAt,
            null, null, null, null, null, null, call.Asterisk);
        return Task.CompletedTask;
    }

    public Task AppendAsync(string callId, CallEvent callEvent, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        Events.Add(new CallEventRecord(Events.Count + 1, callId, callEvent));
        return Task.CompletedTask;
    }

    public Task SetAccountAsync(string callId, string accountNumber, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        Calls[callId] = Calls[callId] with { AccountNumber = accountNumber };
        return Task.CompletedTask;
    }

    public Task SetChannelAsync(string callId, SubmissionChannel channel, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        Calls[callId] = Calls[callId] with { Channel = channel };
        return Task.CompletedTask;
    }

    public Task EndAsync(string callId, CallOutcome outcome, string? lastStep, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        Calls[callId] = Calls[callId] with { Outcome = outcome, LastStep = lastStep, EndedAt = endedAt };
        return Task.CompletedTask;
    }

    public Task<CallRecord?> GetAsync(string callId, CancellationToken cancellationToken) => Task.FromResult(Calls.GetValueOrDefault(callId));

    public Task<IReadOnlyList<CallEventRecord>> TimelineAsync(string callId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CallEventRecord>>(Events.Where(e => e.CallId == callId).ToList());

    public Task<CallPage> ListAsync(CallFilter filter, CancellationToken cancellationToken) => throw new NotSupportedException();
}
