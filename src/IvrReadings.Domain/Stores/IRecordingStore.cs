namespace IvrReadings.Domain;

/// <summary>Voice-line audio and a durable recognition queue that survives restarts.</summary>
public interface IRecordingStore
{
    /// <summary>Stores the recording (status Pending) and, when <paramref name="enqueue"/>, queues it for recognition in the same transaction.</summary>
    Task<Recording> AddAsync(NewRecording recording, bool enqueue, CancellationToken cancellationToken);

    Task<Recording?> GetAsync(long recordingId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Recording>> ForCallAsync(string callId, CancellationToken cancellationToken);

    /// <summary>Keeps the recording's audio (a WAV) in the database, so any server can recognize and play it (replaces it).</summary>
    Task SaveAudioAsync(long recordingId, RecordingAudio audio, CancellationToken cancellationToken);

    /// <summary>The recording's audio as kept in the database, or null when only a file has it (or nothing).</summary>
    Task<RecordingAudio?> AudioAsync(long recordingId, CancellationToken cancellationToken);

    /// <summary>Sets what was recognized (also used by staff tools); does not touch the queue.</summary>
    Task SetRecognitionAsync(long recordingId, RecognitionResult result, CancellationToken cancellationToken);

    /// <summary>Queues a recording for recognition (again); a recording is in the queue at most once.</summary>
    Task EnqueueAsync(long recordingId, DateTimeOffset notBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the oldest due job whose lease is free or expired, leased to <paramref name="worker"/> until now + lease.
    /// Null when nothing is due. Safe with several workers and several servers.
    /// </summary>
    Task<RecognitionJob?> ClaimNextAsync(string worker, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Extends a claim the worker still holds to <paramref name="until"/> (a worker renews its lease while it recognizes,
    /// so a short lease frees a dead server's work quickly without taking a slow one's). False when the claim was lost.
    /// </summary>
    Task<bool> RenewAsync(RecognitionJob job, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Stores the result on the recording and removes the job, atomically. False when the claim was lost (lease expired and re-claimed).</summary>
    Task<bool> CompleteAsync(RecognitionJob job, RecognitionResult result, CancellationToken cancellationToken);

    /// <summary>
    /// Releases the job for a retry at <paramref name="retryAt"/>; after <paramref name="maxAttempts"/> attempts the job is
    /// dropped and the recording marked Failed (so it shows in the review queue). Returns true when it will be retried.
    /// </summary>
    Task<bool> FailAsync(RecognitionJob job, string error, DateTimeOffset retryAt, int maxAttempts, CancellationToken cancellationToken);

    /// <summary>Jobs in the queue (claimed or not), for metrics.</summary>
    Task<int> QueueLengthAsync(CancellationToken cancellationToken);
}
