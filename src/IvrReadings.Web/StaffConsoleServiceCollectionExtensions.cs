using IvrReadings.Web.Auth;
using IvrReadings.Web.Html;
using IvrReadings.Web.Metrics;
using IvrReadings.Web.Recordings;
using IvrReadings.Web.Staff;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IvrReadings.Web;

public static class StaffConsoleServiceCollectionExtensions
{
    /// <summary>
    /// The staff console's services: cookie sign-in, roles, anti-forgery, the Prometheus exporter,
    /// the store gauges. The stores themselves come from <c>AddIvrStorage</c> (register it too).
    /// </summary>
    public static IServiceCollection AddStaffConsole(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<ConsoleOptions>(configuration.GetSection(ConsoleOptions.Section));
        services.Configure<RecordingsOptions>(configuration.GetSection(RecordingsOptions.Section));
        services.TryAddSingleton(TimeProvider.System);

        var console = configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        services.AddAuthentication(ConsoleAuth.Scheme).AddCookie(ConsoleAuth.Scheme, options =>
        {
            options.Cookie.Name = ConsoleAuth.CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = console.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
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
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "ivr_af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = console.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__af";
            options.SuppressXFrameOptionsHeader = true; // set on every response by SecurityHeadersMiddleware
        });

        services.TryAddSingleton<PrometheusExporter>();
        services.TryAddSingleton(sp => new RecordingFileResolver(sp.GetRequiredService<IOptions<RecordingsOptions>>().Value.Directory));
        services.TryAddSingleton<PageContextFactory>();
        services.TryAddScoped<SignInChecker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStoreMetricsSource, StoreMetricsSource>());
        return services;
    }
}
