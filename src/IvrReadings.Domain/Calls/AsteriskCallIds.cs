namespace IvrReadings.Domain;

/// <summary>
/// What Asterisk calls a call, kept beside our own call id for staff who look the call up in Asterisk's logs or CDRs.
/// Never an identity: <c>agi_uniqueid</c> is unique only within one Asterisk box and its run (two boxes, or one box
/// restarted, repeat it), and Asterisk may send anything, blank included. Each part is null when absent.
/// </summary>
public sealed record AsteriskCallIds(string? UniqueId, string? Channel, string? SystemName)
{
    /// <summary>The longest text kept per part; the rest of a hostile value is cut.</summary>
    public const int MaxLength = 128;

    public static readonly AsteriskCallIds None = new(null, null, null);

    /// <summary>Trimmed, control characters removed, at most <see cref="MaxLength"/> characters; blank becomes null.</summary>
    public static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var kept = new System.Text.StringBuilder(Math.Min(value.Length, MaxLength));
        foreach (var c in value.AsSpan().Trim())
        {
            if (kept.Length == MaxLength) break;
            if (!char.IsControl(c) && !char.IsSurrogate(c)) kept.Append(c);
        }

        return kept.Length == 0 ? null : kept.ToString();
    }

    /// <summary>
    /// From the AGI environment: <paramref name="systemName"/> when the dialplan passes one, else the prefix Asterisk puts
    /// on its unique ids when <c>systemname</c> is set in asterisk.conf (<c>pbx1-1795313187.95</c>).
    /// </summary>
    public static AsteriskCallIds From(string? uniqueId, string? channel, string? systemName)
    {
        var id = Clean(uniqueId);
        var system = Clean(systemName);
        if (system is null && id is not null)
        {
            var dash = id.LastIndexOf('-');
            if (dash > 0 && IsEpochId(id.AsSpan(dash + 1))) system = id[..dash];
        }

        return new AsteriskCallIds(id, Clean(channel), system);
    }

    private static bool IsEpochId(ReadOnlySpan<char> text)
    {
        var dot = text.IndexOf('.');
        return dot > 0 && dot < text.Length - 1 && !text[..dot].ContainsAnyExceptInRange('0', '9') && !text[(dot + 1)..].ContainsAnyExceptInRange('0', '9');
    }
}
