namespace IvrReadings.Domain;

/// <summary>One parsed, validated row of the billing import: an account and one of its meters.</summary>
public sealed record AccountImportRow(
    string AccountNumber,
    string Address,
    string Holder,
    string Serial,
    MeterKind Kind,
    int ZoneCount,
    int Digits,
    string Description,
    IReadOnlyList<long> LastValues,
    DateOnly? LastDate,
    DateOnly? NextVerification,
    long? AutoFillAmount);

/// <summary>How a batch went in: new meters, meters updated in place.</summary>
public readonly record struct ImportCounts(int Inserted, int Updated);

/// <summary>The counting reading of one meter zone of a period, as billing receives it.</summary>
public sealed record ExportRow(
    string AccountNumber,
    string Serial,
    MeterKind Kind,
    Zone Zone,
    long Value,
    DateTimeOffset SubmittedAt,
    SubmissionChannel Channel,
    ReadingStatus Status,
    ReadingFlags Flags);
