using IvrReadings.Settings;

namespace IvrReadings.Domain;

/// <summary>
/// Configuration section <c>Recordings</c> (env: <c>Recordings__Directory</c>, <c>Recordings__AsteriskDirectory</c>).
/// Asterisk writes the recordings (RECORD FILE) and the server reads them; on separate machines they see the same
/// shared directory under different paths. The voice line writes to and reads from it; the console plays from it.
/// </summary>
public sealed class RecordingsOptions
{
    public const string Section = "Recordings";

    /// <summary>Where this server reads (and the console plays) the recordings; relative to the working directory.</summary>
    public string Directory { get; set; } = "recordings";

    /// <summary>The same directory as Asterisk sees it (the RECORD FILE path); empty: the same as <see cref="Directory"/>.</summary>
    public string? AsteriskDirectory { get; set; }

    /// <summary>What is wrong with these settings, one line each (empty: nothing); checked before the server starts.</summary>
    public IReadOnlyList<string> Problems() => new SettingProblems(Section)
        .NotEmpty(nameof(Directory), Directory)
        .List;
}
