using IvrReadings.Domain;
using IvrReadings.Speech;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using DomainRecognition = IvrReadings.Domain.RecognitionResult;

namespace IvrReadings.CallFlow.Voice;

/// <summary>
/// Works through the durable recognition queue (<see cref="IRecordingStore"/>), <c>Voice:QueueConcurrency</c> recordings
/// at a time: recordings made while no model was installed, of callers who hung up, free recordings for staff, and
/// guards of live recognitions a crash cut short. The caller is gone, so a result never accepts anything: the text is
/// attached and the recording stays for staff (Uncertain / NoSpeech; Failed after <c>Voice:QueueMaxAttempts</c>).
/// Claims are leases, renewed while a recording is recognized: a restart, or another server, picks up what a dead
/// worker held once its lease runs out (<c>Voice:QueueLeaseSeconds</c>); a slow worker keeps what it holds; a worker
/// that lost its claim cannot complete it (the store fences completions by worker and attempt).
/// </summary>
public sealed partial class RecognitionQueueService(
    IRecordingStore recordings,
    ICallLog callLog,
    SpeechRecognitionService speech,
    RecordingCopies copies,
    TimeProvider time,
    IOptions<VoiceOptions> options,
    IOptions<SpeechOptions> speechOptions,
    ILogger<RecognitionQueueService> logger) : BackgroundService
{
    private readonly string _worker = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Math.Max(1, options.Value.QueueConcurrency);
        return Task.WhenAll(Enumerable.Range(1, workers).Select(i => RunWorkerAsync($"{_worker}#{i}", stoppingToken)));
    }

    private async Task RunWorkerAsync(string worker, CancellationToken ct)
    {
        await Task.Yield();
        var idle = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.QueuePollMilliseconds));
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (!await ProcessNextAsync(worker, ct).ConfigureAwait(false))
                {
                    await Task.Delay(idle, time, ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (StorageUnavailableException ex)
            {
                LogDatabaseDown(ex);
                await DelayQuietlyAsync(idle, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Claims and processes one due job. False when nothing was due.</summary>
    public async Task<bool> ProcessNextAsync(string worker, CancellationToken ct)
    {
        var o = options.Value;
        var lease = TimeSpan.FromSeconds(Math.Max(0.5, o.QueueLeaseSeconds));
        var job = await recordings.ClaimNextAsync(worker, lease, time.GetUtcNow(), ct).ConfigureAwait(false);
        if (job is null)
        {
            return false;
        }

        if (job.Attempts > Math.Max(1, o.QueueMaxAttempts))
        {
            // Claimed again and again and never finished: the servers that took it died on it. Staff take it from here.
            await FailAsync(job, $"claimed {job.Attempts - 1} times without finishing: a server died on it each time", ct).ConfigureAwait(false);
            return true;
        }

        var recording = await recordings.GetAsync(job.RecordingId, ct).ConfigureAwait(false);
        if (recording is null || recording.Status != RecognitionStatus.Pending)
        {
            // Recognized live (the guard was not needed) or settled by staff: the job just leaves the queue.
            await recordings.CompleteAsync(job, recording is null
                ? new DomainRecognition(RecognitionStatus.Failed, null, null)
                : new DomainRecognition(recording.Status, recording.RecognizedText, recording.AlternativesJson), ct).ConfigureAwait(false);
            return true;
        }

        // This server's file, or the audio kept in the database (the call was on another server, or Asterisk elsewhere).
        var file = await copies.LocalFileAsync(job.RecordingId, job.FilePath, ct).ConfigureAwait(false);
        if (file is null)
        {
            await FailAsync(job, $"recording missing: no file {job.FilePath} and no audio in the database", ct).ConfigureAwait(false);
            return true;
        }

        var language = await LanguageAsync(recording.CallId, ct).ConfigureAwait(false);
        var grammar = recording.Step.StartsWith("confirm", StringComparison.Ordinal) ? RecognitionGrammar.YesNo(language)
            : recording.Step == VoiceFlow.FreeStep ? RecognitionGrammar.Free(language)
            : RecognitionGrammar.Numbers(language);
        // Only when no caller on the line needs the slot (the gate in SpeechRecognitionService); the claim is renewed
        // meanwhile, and a claim lost to another server (this one was cut off too long) stops the work here.
        Speech.Recognition.RecognitionResult result;
        using (var held = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var renewing = KeepLeaseAsync(job, lease, held);
            try
            {
                result = await speech.RecognizeForStaffAsync(file, grammar, held.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                LogLeaseLost(job.RecordingId, job.FilePath, worker);
                return true;
            }
            finally
            {
                await held.CancelAsync().ConfigureAwait(false);
                await renewing.ConfigureAwait(false);
            }
        }

        if (result.Status != EngineStatus.Ok)
        {
            // No model is a normal state (the recording waits, then goes to staff); an engine error is not.
            await FailAsync(job, $"{result.Status}: {result.Error}", ct, quiet: result.Status == EngineStatus.NoModel).ConfigureAwait(false);
            return true;
        }

        var text = result.BestText;
        var status = text.Length == 0 ? RecognitionStatus.NoSpeech : RecognitionStatus.Uncertain;
        var completed = await recordings.CompleteAsync(job, new DomainRecognition(status, text.Length > 0 ? text : null, result.RawJson), ct).ConfigureAwait(false);
        LogRecognized(recording.CallId, recording.Id, recording.FilePath, status, text, completed);
        return true;
    }

    /// <summary>Renews the claim every third of the lease until <paramref name="held"/> is cancelled; cancels it when the claim is lost.</summary>
    private async Task KeepLeaseAsync(RecognitionJob job, TimeSpan lease, CancellationTokenSource held)
    {
        var every = lease / 3;
        while (!held.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, held.Token).ConfigureAwait(false);
                if (!await recordings.RenewAsync(job, time.GetUtcNow() + lease, held.Token).ConfigureAwait(false))
                {
                    await held.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (StorageUnavailableException ex)
            {
                // The claim may still hold: the next tick tries again; the completion is fenced anyway.
                LogDatabaseDown(ex);
            }
        }
    }

    private async Task FailAsync(RecognitionJob job, string error, CancellationToken ct, bool quiet = false)
    {
        var o = options.Value;
        var retry = await recordings.FailAsync(job, error, time.GetUtcNow().AddSeconds(Math.Max(1, o.QueueRetrySeconds)), Math.Max(1, o.QueueMaxAttempts), ct)
            .ConfigureAwait(false);
        if (quiet)
        {
            LogWaiting(job.RecordingId, job.FilePath, job.Attempts, error, retry);
        }
        else
        {
            LogFailed(job.RecordingId, job.FilePath, job.Attempts, error, retry);
        }
    }

    private async Task<SpeechLanguage> LanguageAsync(string callId, CancellationToken ct)
    {
        var call = await callLog.GetAsync(callId, ct).ConfigureAwait(false);
        return call?.Language switch
        {
            PromptLanguage.Uk => SpeechLanguage.Ukrainian,
            PromptLanguage.En => SpeechLanguage.English,
            PromptLanguage.Ru => SpeechLanguage.Russian,
            _ => SpeechLanguages.TryParse(speechOptions.Value.DefaultLanguage, out var fallback) ? fallback : SpeechLanguage.Russian,
        };
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, time, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued recording {RecordingId} {File} of call {CallId}: {Status}, heard \"{Text}\" (stored {Stored})")]
    private partial void LogRecognized(string callId, long recordingId, string file, RecognitionStatus status, string text, bool stored);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queued recording {RecordingId} {File}: attempt {Attempt} failed ({Error}); retry {Retry}")]
    private partial void LogFailed(long recordingId, string file, int attempt, string error, bool retry);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued recording {RecordingId} {File}: attempt {Attempt} not recognized ({Error}); retry {Retry}")]
    private partial void LogWaiting(long recordingId, string file, int attempt, string error, bool retry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queued recording {RecordingId} {File}: worker {Worker} lost its claim (another server took it over); left to that server")]
    private partial void LogLeaseLost(long recordingId, string file, string worker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recognition queue: the database is unavailable")]
    private partial void LogDatabaseDown(Exception ex);
}
