using IvrReadings.Domain;
using IvrReadings.Telemetry;
using IvrReadings.Web.Auth;
using IvrReadings.Web.Html;
using IvrReadings.Web.Metrics;
using IvrReadings.Web.Recordings;
using IvrReadings.Web.Security;
using IvrReadings.Web.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IvrReadings.Web;

public static class StaffConsoleServiceCollectionExtensions
{
    /// <summary>The data-protection application name: every console sharing a database must use the same one.</summary>
    public const string DataProtectionApplication = "IvrReadings.Console";

    /// <summary>The anti-forgery cookie's name.</summary>
    public const string AntiforgeryCookie = "ivr_af";

    /// <summary>
    /// The staff console's services: cookie sign-in with a security stamp, roles, anti-forgery, data-protection keys in
    /// the database, forwarded headers from known proxies, the sign-in rate limits, the Prometheus exporter, the store
    /// gauges. The stores themselves come from <c>AddIvrStorage</c> (register it too).
    /// </summary>
    public static IServiceCollection AddStaffConsole(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<ConsoleOptions>(configuration.GetSection(ConsoleOptions.Section));
        services.Configure<RecordingsOptions>(configuration.GetSection(RecordingsOptions.Section));
        services.TryAddSingleton(TimeProvider.System);

        var console = configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        var secure = console.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.Configure<ForwardedHeadersOptions>(options => ProxiedRequests.Configure(options, console.KnownProxies));

        // Keys in the database: two consoles on one database accept each other's cookies and anti-forgery tokens;
        // encrypted with the operator's certificate when one is configured.
        var dataProtection = services.AddDataProtection().SetApplicationName(DataProtectionApplication);
        if (KeyCertificate.Load(console) is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        services.TryAddSingleton<DatabaseXmlRepository>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = sp.GetRequiredService<DatabaseXmlRepository>()));

        services.AddAuthentication(ConsoleAuth.Scheme).AddCookie(ConsoleAuth.Scheme, options =>
        {
            options.Cookie.Name = ConsoleAuth.CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = secure;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(Math.Max(5, console.SessionMinutes));
            options.SlidingExpiration = true;
            options.LoginPath = "/login";
            options.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = ConsoleAuth.ValidateAsync,
                OnRedirectToLogin = ConsoleAuth.RedirectToLoginAsync,
                OnRedirectToAccessDenied = ConsoleAuth.ForbidAsync,
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(ConsoleAuth.SupervisorPolicy, policy => policy.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireAuthenticatedUser().RequireRole(StaffRoles.Supervisor))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(ConsoleAuth.Scheme)
                .RequireAuthenticatedUser()
                .RequireRole(StaffRoles.Operator, StaffRoles.Supervisor)
                .Build());
        // The cookie's name before ASP.NET's own setup runs: without one, that setup derives a name by hashing, which loads
        // the crypto libraries (~5 MB) into a server whose console nobody has opened yet (the pipeline takes the service at start).
        services.Configure<AntiforgeryOptions>(options => options.Cookie.Name = AntiforgeryCookie);
        services.AddAntiforgery(options =>
        {
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = secure;
            options.FormFieldName = "__af";
            options.SuppressXFrameOptionsHeader = true; // set on every response by SecurityHeadersMiddleware
        });
        services.TryAddSingleton<SignInRateLimits>();

        services.AddIvrReadingsMetrics();
        services.TryAddSingleton<StoreGauges>();
        services.TryAddSingleton(sp => new RecordingFileResolver(sp.GetRequiredService<IOptions<RecordingsOptions>>().Value.Directory));
        services.TryAddSingleton<PageContextFactory>();
        services.TryAddScoped<SignInChecker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStoreMetricsSource, StoreMetricsSource>());

        // The key ring is read (its first key made) when a console request first needs it, as on every later refresh,
        // not at start by ASP.NET's warm-up service (added again by cookies and anti-forgery, so removed last): a server
        // whose console nobody has opened yet holds neither the XML nor the crypto stack (docs/benchmarks-history-memory.md).
        foreach (var warmUp in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToList())
        {
            services.Remove(warmUp);
        }

        return services;
    }
}
