using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace IvrReadings.Domain;

/// <summary>A billing month, written <c>YYYY-MM</c> in files and on the command line.</summary>
public readonly record struct BillingPeriod : IComparable<BillingPeriod>
{
    public BillingPeriod(int year, int month)
    {
        if (year is < 1900 or > 9999) throw new ArgumentOutOfRangeException(nameof(year), year, "Year 1900-9999.");
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month), month, "Month 1-12.");
        Year = year;
        Month = month;
    }

    public int Year { get; }
    public int Month { get; }

    /// <summary>Compact integer form (202611) used as a database key: sortable and the same in every provider.</summary>
    public int Key => Year * 100 + Month;

    public static BillingPeriod FromKey(int key) => new(key / 100, key % 100);

    public static BillingPeriod Of(DateOnly date) => new(date.Year, date.Month);

    public BillingPeriod Next() => AddMonths(1);

    public BillingPeriod Previous() => AddMonths(-1);

    public BillingPeriod AddMonths(int months)
    {
        var index = Year * 12 + (Month - 1) + months;
        return new BillingPeriod(index / 12, index % 12 + 1);
    }

    /// <summary>Whole months from <paramref name="earlier"/> to this period (positive when this one is later).</summary>
    public int MonthsSince(BillingPeriod earlier) => (Year * 12 + Month) - (earlier.Year * 12 + earlier.Month);

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => new(Year, Month, DateTime.DaysInMonth(Year, Month));

    public static BillingPeriod Parse(string text) =>
        TryParse(text, out var period) ? period : throw new FormatException($"'{text}' is not a billing period in the form YYYY-MM.");

    public static bool TryParse([NotNullWhen(true)] string? text, out BillingPeriod period)
    {
        period = default;
        if (text is null || text.Length != 7 || text[4] != '-') return false;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)) return false;
        if (!int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)) return false;
        if (year < 1900 || month is < 1 or > 12) return false;
        period = new BillingPeriod(year, month);
        return true;
    }

    public int CompareTo(BillingPeriod other) => Key.CompareTo(other.Key);

    public static bool operator <(BillingPeriod left, BillingPeriod right) => left.Key < right.Key;
    public static bool operator >(BillingPeriod left, BillingPeriod right) => left.Key > right.Key;
    public static bool operator <=(BillingPeriod left, BillingPeriod right) => left.Key <= right.Key;
    public static bool operator >=(BillingPeriod left, BillingPeriod right) => left.Key >= right.Key;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
