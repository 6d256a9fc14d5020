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

    public Organisation ToOrganisation()
    {
        if (!Enum.TryParse<PromptLanguage>(Language, ignoreCase: true, out var language) || !Enum.IsDefined(language))
            throw new ArgumentException($"Organisation:Language must be ru, uk or en, not '{Language}'.");
        return new Organisation(Name, new SubmissionWindow(WindowFirstDay, WindowLastDay, TimeZone), language, AccountDigitsMin, AccountDigitsMax, JumpFactor);
    }
}
