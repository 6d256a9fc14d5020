namespace IvrReadings.FastAgi;

/// <summary>
/// The server's own name for a call. Asterisk's <c>agi_uniqueid</c> is not one: it is unique only within one Asterisk
/// box and its run, and may come blank or hostile. Ours is a version 7 GUID in 32 hex digits: unique across servers and
/// restarts, sortable by time, safe in file names and URLs.
/// </summary>
public static class CallIds
{
    public static string New() => Guid.CreateVersion7().ToString("N");
}
