namespace IvrReadings.Web;

/// <summary>The <c>Console:*</c> settings (environment form <c>Console__Key</c>).</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>Where the Host lets Kestrel listen for the console; loopback by default.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Serve <c>/metrics</c> to non-loopback clients too.</summary>
    public bool MetricsAllowRemote { get; set; }

    /// <summary>Failed sign-ins in a row before an account is locked.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long a sign-in lasts without activity.</summary>
    public int SessionMinutes { get; set; } = 480;

    /// <summary>UI language when the user has not chosen one: ru, uk or en. Empty: the organisation's language.</summary>
    public string? DefaultLanguage { get; set; }

    /// <summary>Mark cookies Secure (set when the console is served over HTTPS, e.g. behind a TLS proxy).</summary>
    public bool SecureCookies { get; set; }
}
