using System.Globalization;
using IvrReadings.Domain;

namespace IvrReadings.Web.Pages.Review;

/// <summary>The review form as posted: the outcome button pressed, the account, the figures, the confirmations, the call-back fields.</summary>
internal sealed class ReviewForm
{
    public const int MaxNote = 500;

    private ReviewForm()
    {
    }

    /// <summary>The outcome button pressed; null when the form was sent with Enter from a field (the confirm button is the default).</summary>
    public ReviewOutcome? Outcome { get; private init; }

    /// <summary>The account in the account field.</summary>
    public string? TypedAccount { get; private init; }

    /// <summary>The account whose meters the form showed.</summary>
    public string? ShownAccount { get; private init; }

    /// <summary>The review version the page was rendered at.</summary>
    public int Version { get; private init; }

    /// <summary>The raw text of every figure field, for showing the form again.</summary>
    public IReadOnlyDictionary<string, string> Raw { get; private init; } = new Dictionary<string, string>();

    public IReadOnlyList<StaffEntry> Entries { get; private init; } = [];

    /// <summary>Fields holding something other than digits.</summary>
    public IReadOnlySet<string> BadFields { get; private init; } = new HashSet<string>();

    /// <summary>Figure fields naming a meter or zone that is not on the shown account (a stale or forged form).</summary>
    public bool HasUnknownMeters { get; private init; }

    /// <summary>The figures the reviewer confirmed after the rules asked (the confirmation travels with the figure it was for).</summary>
    public IReadOnlySet<(long MeterId, Zone Zone, long Value)> Confirmed { get; private init; } = new HashSet<(long, Zone, long)>();

    public string? Note { get; private init; }

    /// <summary>The call-back number as typed.</summary>
    public string? CallbackText { get; private init; }

    public bool AccountChanged => !string.Equals(TypedAccount ?? string.Empty, ShownAccount ?? string.Empty, StringComparison.Ordinal);

    public static string FieldName(long meterId, Zone zone) => string.Create(CultureInfo.InvariantCulture, $"v_{meterId}_{zone}");

    public static string ConfirmName(long meterId, Zone zone) => string.Create(CultureInfo.InvariantCulture, $"c_{meterId}_{zone}");

    public static ReviewForm Parse(IFormCollection form, Account? shown)
    {
        ArgumentNullException.ThrowIfNull(form);
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<StaffEntry>();
        var bad = new HashSet<string>(StringComparer.Ordinal);
        var confirmed = new HashSet<(long, Zone, long)>();
        var unknown = false;
        foreach (var (key, values) in form)
        {
            if (!key.StartsWith("v_", StringComparison.Ordinal))
            {
                continue;
            }

            var text = values.ToString();
            raw[key] = text.Length > 40 ? text[..40] : text;
            if (!TryField(key, out var meterId, out var zone) || shown?.Meters.FirstOrDefault(m => m.Id == meterId) is not { } meter || !meter.Zones.Contains(zone))
            {
                unknown = true;
                continue;
            }

            var digits = text.Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
            if (digits.Length == 0)
            {
                entries.Add(new StaffEntry(meterId, zone, null));
            }
            else if (digits.Length <= 18 && digits.All(char.IsAsciiDigit) && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                entries.Add(new StaffEntry(meterId, zone, value));
                if (form[ConfirmName(meterId, zone)].ToString() == value.ToString(CultureInfo.InvariantCulture))
                {
                    confirmed.Add((meterId, zone, value));
                }
            }
            else
            {
                bad.Add(key);
            }
        }

        var note = form["note"].ToString().Trim();
        return new ReviewForm
        {
            Outcome = Enum.TryParse<ReviewOutcome>(form["outcome"], ignoreCase: false, out var outcome) && Enum.IsDefined(outcome) ? outcome : null,
            TypedAccount = Clean(form["account"]),
            ShownAccount = Clean(form["shown_account"]),
            Version = int.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1,
            Raw = raw,
            Entries = entries,
            BadFields = bad,
            HasUnknownMeters = unknown,
            Confirmed = confirmed,
            Note = note.Length == 0 ? null : note.Length > MaxNote ? note[..MaxNote] : note,
            CallbackText = Clean(form["callback_number"]),
        };
    }

    private static bool TryField(string key, out long meterId, out Zone zone)
    {
        zone = default;
        meterId = 0;
        var parts = key.Split('_');
        return parts.Length == 3
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out meterId)
            && Enum.TryParse(parts[2], ignoreCase: false, out zone) && Enum.IsDefined(zone);
    }

    private static string? Clean(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > 64 ? trimmed[..64] : trimmed;
    }
}
