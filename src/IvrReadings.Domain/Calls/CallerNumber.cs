namespace IvrReadings.Domain;

/// <summary>
/// A caller's number as it is stored and searched: an optional leading '+' and 1 to <see cref="MaxDigits"/> digits, with the
/// usual separators (spaces, dashes, dots, brackets) dropped. Anything else Asterisk may pass as caller ID (a name,
/// "unknown", thousands of digits) is no number: stored as none.
/// </summary>
public static class CallerNumber
{
    /// <summary>E.164 allows 15 digits; a few more leave room for trunk and international prefixes.</summary>
    public const int MaxDigits = 20;

    /// <summary>The stored form, or null when <paramref name="raw"/> is not a phone number.</summary>
    public static string? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 4 * MaxDigits)
        {
            return null;
        }

        Span<char> kept = stackalloc char[MaxDigits + 1];
        var length = 0;
        var digits = 0;
        foreach (var c in raw.AsSpan().Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                if (++digits > MaxDigits)
                {
                    return null;
                }

                kept[length++] = c;
            }
            else if (c == '+' && length == 0)
            {
                kept[length++] = c;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return null;
            }
        }

        return digits == 0 ? null : new string(kept[..length]);
    }

    /// <summary>What staff typed to search by (digits, maybe a leading '+'), or null when it holds no digit.</summary>
    public static string? SearchTerm(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var trimmed = typed.Trim();
        var digits = new string([.. trimmed.Where(char.IsAsciiDigit).Take(MaxDigits)]);
        return digits.Length == 0 ? null : (trimmed.StartsWith('+') ? "+" : string.Empty) + digits;
    }
}
