namespace IvrReadings.Storage;

/// <summary>A bad CSV row: 1-based line number in the file (the header is line 1) and why it was rejected.</summary>
public sealed record ImportError(long Line, string Reason);

/// <summary>
/// What an import did. <see cref="Errors"/> keeps the first <see cref="AccountImporter.MaxErrorsKept"/> errors (memory stays
/// bounded on a broken file); every error is also passed to the importer's error callback.
/// </summary>
public sealed record ImportSummary(int Inserted, int Updated, int Rejected, IReadOnlyList<ImportError> Errors, TimeSpan Elapsed);

/// <summary>Progress for the host's progress bar: rows read so far and bytes of the file consumed.</summary>
public readonly record struct ImportProgress(long Rows, long BytesRead, long TotalBytes, int Inserted, int Updated, int Rejected);
