using System.Globalization;
using IvrReadings.Domain;

namespace IvrReadings.Storage;

/// <summary>
/// Pure validation of one billing CSV row into an <see cref="AccountImportRow"/>, or the reason it is refused. Kept apart
/// from the file handling so every rule can be tested as a table of rows.
/// </summary>
public sealed class AccountRowParser
{
    public static readonly string[] RequiredColumns =
        ["account", "address", "meter", "kind", "zones", "digits", "description", "last_reading", "last_date", "verification_date", "autofill"];

    private readonly int[] index;
    private readonly int holderIndex;
    private readonly int accountDigitsMin;
    private readonly int accountDigitsMax;

    private AccountRowParser(int[] index, int holderIndex, int accountDigitsMin, int accountDigitsMax)
    {
        this.index = index;
        this.holderIndex = holderIndex;
        this.accountDigitsMin = accountDigitsMin;
        this.accountDigitsMax = accountDigitsMax;
    }

    public int FieldCount { get; private init; }

    /// <summary>Maps the header (any column order, case-insensitive; optional <c>holder</c>). Throws <see cref="InvalidDataException"/> when columns are missing.</summary>
    public static AccountRowParser ForHeader(IReadOnlyList<string> header, int accountDigitsMin = 5, int accountDigitsMax = 12)
    {
        ArgumentNullException.ThrowIfNull(header);
        var names = header.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var missing = RequiredColumns.Where(c => !names.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"The billing file header lacks column(s) {string.Join(", ", missing)}; expected {string.Join(",", RequiredColumns)}.");
        return new AccountRowParser(RequiredColumns.Select(c => names.IndexOf(c)).ToArray(), names.IndexOf("holder"), accountDigitsMin, accountDigitsMax)
        {
            FieldCount = names.Count,
        };
    }

    public AccountImportRow? Parse(IReadOnlyList<string> fields, out string? error)
    {
        ArgumentNullException.ThrowIfNull(fields);
        AccountImportRow? Fail(string reason, out string? e)
        {
            e = reason;
            return null;
        }

        if (fields.Count != FieldCount) return Fail($"expected {FieldCount} fields, found {fields.Count}", out error);
        string F(int column) => fields[index[column]].Trim();

        var account = F(0);
        if (account.Length < accountDigitsMin || account.Length > accountDigitsMax || !account.All(char.IsAsciiDigit))
            return Fail($"account '{account}' must be {accountDigitsMin}-{accountDigitsMax} digits", out error);
        var address = F(1);
        if (address.Length == 0) return Fail("address is empty", out error);
        var serial = F(2);
        if (serial.Length is 0 or > 64) return Fail("meter number must be 1-64 characters", out error);
        if (!CsvNames.TryParse<MeterKind>(F(3), out var kind))
            return Fail($"kind '{F(3)}' is not one of electricity, gas, cold_water, hot_water, heat", out error);
        if (!int.TryParse(F(4), NumberStyles.None, CultureInfo.InvariantCulture, out var zones) || !Zones.IsValidCount(zones))
            return Fail($"zones '{F(4)}' must be 1, 2 or 3", out error);
        if (zones > 1 && kind != MeterKind.Electricity) return Fail($"only electricity meters have several zones ({CsvNames.Of(kind)} has {zones})", out error);
        if (!int.TryParse(F(5), NumberStyles.None, CultureInfo.InvariantCulture, out var digits) || digits is < 1 or > 18)
            return Fail($"digits '{F(5)}' must be 1-18", out error);
        var capacity = Capacity(digits);

        var lastText = F(7);
        var lastValues = new List<long>(zones);
        if (lastText.Length > 0)
        {
            var parts = lastText.Split(';');
            if (parts.Length != zones) return Fail($"last_reading has {parts.Length} value(s) for {zones} zone(s)", out error);
            foreach (var part in parts)
            {
                if (!long.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    return Fail($"last_reading '{part}' is not a whole non-negative number", out error);
                if (value > capacity) return Fail($"last_reading {value} does not fit {digits} digits", out error);
                lastValues.Add(value);
            }
        }

        if (!TryDate(F(8), out var lastDate)) return Fail($"last_date '{F(8)}' is not a date YYYY-MM-DD", out error);
        if (lastValues.Count > 0 && lastDate is null) return Fail("last_date is required with last_reading", out error);
        if (!TryDate(F(9), out var verification)) return Fail($"verification_date '{F(9)}' is not a date YYYY-MM-DD", out error);
        long? autofill = null;
        if (F(10).Length > 0)
        {
            if (!long.TryParse(F(10), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
                return Fail($"autofill '{F(10)}' is not a whole non-negative number", out error);
            autofill = amount;
        }

        error = null;
        var holder = holderIndex >= 0 ? fields[holderIndex].Trim() : "";
        return new AccountImportRow(account, address, holder, serial, kind, zones, digits, F(6), lastValues, lastValues.Count > 0 ? lastDate : null,
            verification, autofill);
    }

    private static long Capacity(int digits)
    {
        long capacity = 1;
        for (var i = 0; i < digits; i++) capacity *= 10;
        return capacity - 1;
    }

    private static bool TryDate(string text, out DateOnly? date)
    {
        date = null;
        if (text.Length == 0) return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        date = parsed;
        return true;
    }
}
