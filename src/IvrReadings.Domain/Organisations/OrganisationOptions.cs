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

    public Organisation ToOrganisation()
    {
        if (!Enum.TryParse<PromptLanguage>(Language, ignoreCase: true, out var language) || !Enum.IsDefined(language))
            throw new ArgumentException($"Organisation:Language must be ru, uk or en, not '{Language}'.");
        var typical = new Dictionary<MeterKind, long>();
        foreach (var (name, use) in TypicalMonthlyUse)
        {
            if (!Enum.TryParse<MeterKind>(name, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(name, out _))
                throw new ArgumentException($"Organisation:TypicalMonthlyUse:{name}: not a meter kind ({string.Join(", ", Enum.GetNames<MeterKind>())}).");
            if (use <= 0) throw new ArgumentException($"Organisation:TypicalMonthlyUse:{name} must be a positive monthly use, not {use}.");
            typical[kind] = use;
        }

        SubmissionWindow window;
        try
        {
            window = new SubmissionWindow(WindowFirstDay, WindowLastDay, TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // The product runs without ICU (InvariantGlobalization), so Windows zone names do not convert to IANA ones.
            throw new ArgumentException($"Organisation:TimeZone: '{TimeZone}' is not a time zone on this machine; use an IANA id such as Europe/Moscow or Europe/Kyiv.", ex);
        }

        return new Organisation(Name, window, language, AccountDigitsMin, AccountDigitsMax, JumpFactor, typical);
    }
}
