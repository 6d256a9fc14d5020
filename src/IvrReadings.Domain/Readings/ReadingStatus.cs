namespace IvrReadings.Domain;

public enum ReadingStatus
{
    /// <summary>Counts for billing.</summary>
    Accepted,

    /// <summary>The machine was not sure (voice line): kept, shown to staff, does not count until staff confirm it.</summary>
    NeedsReview,
}
