using IvrReadings.Settings;
using IvrReadings.Web.I18n;
using IvrReadings.Web.Security;

namespace IvrReadings.Web;

/// <summary>The <c>Console:*</c> settings (environment form <c>Console__Key</c>).</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>Where the Host lets Kestrel listen for the console; loopback by default.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>
    /// Console connections open at once, at most (staff browsers, the TLS proxy, monitoring); past it new ones are
    /// closed at once. They come out of <c>FastAgi:ReservedDescriptors</c>, so keep it well below that.
    /// </summary>
    public int MaxConnections { get; set; } = 100;

    /// <summary>
    /// Where monitoring may reach <c>/health</c> and <c>/metrics</c> apart from the console (several separated by ';'),
    /// with its own <see cref="MonitorConnections"/>: a flood on the console's port then never leaves the load balancer
    /// or the monitor without an answer. Empty: off (both are on the console's port, as always).
    /// </summary>
    public string? MonitorUrls { get; set; }

    /// <summary>Connections open at once on <see cref="MonitorUrls"/>, at most (also out of the descriptor reserve).</summary>
    public const int MonitorConnections = 16;

    /// <summary>Serve <c>/metrics</c> to non-local clients too.</summary>
    public bool MetricsAllowRemote { get; set; }

    /// <summary>Failed sign-ins in a row before an account is locked.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long a sign-in lasts without activity.</summary>
    public int SessionMinutes { get; set; } = 480;

    /// <summary>UI language when the user has not chosen one and the browser asks for none we have: ru, uk or en. Empty: the organisation's language.</summary>
    public string? DefaultLanguage { get; set; }

    /// <summary>
    /// The console is served over HTTPS by a TLS proxy: cookies are marked Secure, browsers are told to stay on HTTPS
    /// (HSTS), and a request that did not arrive over HTTPS is refused with an explanation.
    /// </summary>
    public bool SecureCookies { get; set; }

    /// <summary>
    /// The reverse proxies whose <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> are believed: addresses or networks
    /// (<c>10.0.0.0/8</c>), separated by ';' or ','. Loopback by default; empty: none.
    /// </summary>
    public string KnownProxies { get; set; } = "127.0.0.1;::1";

    /// <summary>Sign-in attempts allowed from one client address per minute.</summary>
    public int SignInLimitPerAddress { get; set; } = 30;

    /// <summary>Sign-in attempts allowed for one login per minute, from anywhere.</summary>
    public int SignInLimitPerLogin { get; set; } = 10;

    /// <summary>How long opening a call for review keeps it for the reviewer.</summary>
    public int ClaimMinutes { get; set; } = 5;

    /// <summary>
    /// A PKCS#12 file (<c>.pfx</c>) whose certificate encrypts the data-protection keys kept in the database (they sign
    /// staff cookies and forms): whoever reads the database then still cannot forge a sign-in. Every server on the
    /// database needs the same file. Empty: the keys are stored unencrypted.
    /// </summary>
    public string? KeyCertificatePath { get; set; }

    /// <summary>The password of <see cref="KeyCertificatePath"/> (better from the environment than a file).</summary>
    public string? KeyCertificatePassword { get; set; }

    /// <summary>How often the dashboard and the queue reload themselves (seconds; 0: never).</summary>
    public int RefreshSeconds { get; set; } = 30;

    /// <summary>What is wrong with these settings, one line each (empty: nothing); checked before the server starts.
    /// The certificate is read here too: a wrong file or password is a setting to fix, reported with the others.</summary>
    public IReadOnlyList<string> Problems() => new SettingProblems(Section)
        .Parses(nameof(Urls), () => StaffConsoleKestrelExtensions.ParseUrls(Urls))
        .AtLeast(nameof(MaxConnections), MaxConnections, 1)
        .Parses(nameof(MonitorUrls), () => StaffConsoleKestrelExtensions.ParseUrls(MonitorUrls ?? "", $"{Section}:{nameof(MonitorUrls)}"))
        .Check(!SharesAnEndpoint(), nameof(MonitorUrls), $"must not listen where Console:Urls does ('{MonitorUrls}' and '{Urls}').")
        .AtLeast(nameof(LockoutThreshold), LockoutThreshold, 1)
        .AtLeast(nameof(LockoutMinutes), LockoutMinutes, 1)
        .AtLeast(nameof(SessionMinutes), SessionMinutes, 1)
        .Check(string.IsNullOrWhiteSpace(DefaultLanguage) || UiText.Normalize(DefaultLanguage) is not null, nameof(DefaultLanguage),
            $"must be ru, uk or en (empty: the organisation's language), not '{DefaultLanguage}'.")
        .Parses(nameof(KnownProxies), () => ProxiedRequests.Configure(new(), KnownProxies))
        .AtLeast(nameof(SignInLimitPerAddress), SignInLimitPerAddress, 1)
        .AtLeast(nameof(SignInLimitPerLogin), SignInLimitPerLogin, 1)
        .AtLeast(nameof(ClaimMinutes), ClaimMinutes, 1)
        .AtLeast(nameof(RefreshSeconds), RefreshSeconds, 0)
        .Parses(nameof(KeyCertificatePath), () => KeyCertificate.Load(this)?.Dispose())
        .List;

    private bool SharesAnEndpoint()
    {
        try
        {
            return !string.IsNullOrWhiteSpace(MonitorUrls)
                && StaffConsoleKestrelExtensions.ParseUrls(MonitorUrls, $"{Section}:{nameof(MonitorUrls)}").Intersect(StaffConsoleKestrelExtensions.ParseUrls(Urls)).Any();
        }
        catch (FormatException)
        {
            return false; // named by the checks that parse them
        }
    }
}
