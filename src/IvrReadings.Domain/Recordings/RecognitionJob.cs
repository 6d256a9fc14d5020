namespace IvrReadings.Domain;

/// <summary>
/// A claimed queue entry. The claim holds until <see cref="LeaseUntil"/>: a worker that dies (or a restart) lets the
/// lease run out and another claim picks the job up again.
/// </summary>
public sealed record RecognitionJob(long Id, long RecordingId, string FilePath, int Attempts, DateTimeOffset LeaseUntil, string Worker);
