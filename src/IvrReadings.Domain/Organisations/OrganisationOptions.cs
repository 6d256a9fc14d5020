using IvrReadings.Settings;

namespace IvrReadings.Domain;

/// <summary>
/// Configuration section <c>Organisation</c> (env: <c>Organisation__WindowFirstDay</c>, ...). Plain settable
/// properties so the configuration binder can fill it; <see cref="ToOrganisation"/> validates.
/// </summary>
public sealed class OrganisationOptions
{
    public const string Section = "Organisation";

    public string Name { get; set; } = "IvrReadings";
    public int WindowFirstDay { get; set; } = 15;
    public int WindowLastDay { get; set; } = 25;
    public string TimeZone { get; set; } = "Europe/Moscow";
    public string Language { get; set; } = "ru";
    public int AccountDigitsMin { get; set; } = 5;
    public int AccountDigitsMax { get; set; } = 12;
    public int JumpFactor { get; set; } = Organisation.DefaultJumpFactor;

    /// <summary>
    /// Per meter kind (<c>Organisation:TypicalMonthlyUse:ColdWater=12</c>): the monthly use the jump rule assumes when a
    /// meter's history has only one value; kinds not given keep <see cref="Organisation.DefaultTypicalMonthlyUse"/>.
    /// </summary>
    public Dictionary<string, long> TypicalMonthlyUse { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What is wrong with these settings, one line each (empty: nothing); checked before the server starts.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new SettingProblems(Section)
            .NotEmpty(nameof(Name), Name)
            .Check(TryLanguage(out _), nameof(Language), $"must be ru, uk or en, not '{Language}'.")
            .Between(nameof(WindowFirstDay), WindowFirstDay, 1, 31)
            .Between(nameof(WindowLastDay), WindowLastDay, 1, 31)
            .Check(WindowLastDay >= WindowFirstDay, nameof(WindowLastDay),
                $"must not be before WindowFirstDay (the window cannot wrap a month end), not {WindowLastDay} with {WindowFirstDay}.")
            .Check(FindTimeZone() is not null, nameof(TimeZone),
                $": '{TimeZone}' is not a time zone on this machine; use an IANA id such as Europe/Moscow or Europe/Kyiv.")
            .Between(nameof(AccountDigitsMin), AccountDigitsMin, Organisation.MinAccountDigits, Organisation.MaxAccountDigits)
            .Between(nameof(AccountDigitsMax), AccountDigitsMax, Organisation.MinAccountDigits, Organisation.MaxAccountDigits)
            .Check(AccountDigitsMax >= AccountDigitsMin, nameof(AccountDigitsMax), $"must not be below AccountDigitsMin, not {AccountDigitsMax} with {AccountDigitsMin}.")
            .AtLeast(nameof(JumpFactor), JumpFactor, 1);
        foreach (var (name, use) in TypicalMonthlyUse)
        {
            problems.Check(TryKind(name, out _), $"{nameof(TypicalMonthlyUse)}:{name}", $": not a meter kind ({string.Join(", ", Enum.GetNames<MeterKind>())}).")
                .Check(use > 0, $"{nameof(TypicalMonthlyUse)}:{name}", $"must be a positive monthly use, not {use}.");
        }

        return problems.List;
    }

    /// <summary>The organisation these settings describe; <see cref="ArgumentException"/> with every problem when they are wrong.</summary>
    public Organisation ToOrganisation()
    {
        if (Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems));
        }

        _ = TryLanguage(out var language);
        var typical = TypicalMonthlyUse.ToDictionary(pair => TryKind(pair.Key, out var kind) ? kind : default, pair => pair.Value);
        return new Organisation(Name, new SubmissionWindow(WindowFirstDay, WindowLastDay, TimeZone), language, AccountDigitsMin, AccountDigitsMax, JumpFactor, typical);
    }

    private bool TryLanguage(out PromptLanguage language) =>
        Enum.TryParse(Language, ignoreCase: true, out language) && Enum.IsDefined(language) && !int.TryParse(Language, out _);

    private static bool TryKind(string name, out MeterKind kind) =>
        Enum.TryParse(name, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(name, out _);

    /// <summary>The zone, or null. The product runs without ICU (InvariantGlobalization), so Windows zone names do not
    /// convert to IANA ones.</summary>
    private TimeZoneInfo? FindTimeZone()
    {
        try
        {
            return string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
