namespace IvrReadings.Web.Recordings;

/// <summary>The <c>Recordings:*</c> settings (environment form <c>Recordings__Directory</c>).</summary>
public sealed class RecordingsOptions
{
    public const string Section = "Recordings";

    /// <summary>Where this server sees the voice-line recordings.</summary>
    public string Directory { get; set; } = "recordings";
}
