using System.Globalization;
using IvrReadings.Web.Staff;
using Microsoft.Extensions.Options;

namespace IvrReadings.Web.Security;

/// <summary>
/// The limits on sign-in attempts (POST /login): <c>Console:SignInLimitPerAddress</c> in any minute per client address
/// (after forwarded headers) and, past that, <c>Console:SignInLimitPerLogin</c> per login typed, whoever types it. An
/// attempt refused by the address is not counted against the login; one refused by the login still counts against
/// the address. Other requests are not limited. Our own <see cref="SlidingLimiter"/>, not ASP.NET Core's rate limiter,
/// whose partitioned limiters tick every 100 ms while nobody uses the console.
/// </summary>
public sealed class SignInRateLimits(IOptions<ConsoleOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly SlidingLimiter _byAddress = new(options.Value.SignInLimitPerAddress, Window, time);
    private readonly SlidingLimiter _byLogin = new(options.Value.SignInLimitPerLogin, Window, time);

    /// <summary>Counts a sign-in attempt; false when it is over either limit.</summary>
    public bool TryAcquire(string address, string login) => _byAddress.TryAcquire(address) && _byLogin.TryAcquire(login);
}

/// <summary>
/// Applies <see cref="SignInRateLimits"/> to POST /login: over a limit, 429 with Retry-After and the sign-in page's
/// "too many attempts", and a warning in the log. The form is read by the anti-forgery check before this runs, so the
/// login is at hand.
/// </summary>
public sealed partial class SignInRateLimitMiddleware(RequestDelegate next, SignInRateLimits limits, ILogger<SignInRateLimits> logger)
{
    public Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.Equals("/login", StringComparison.OrdinalIgnoreCase))
        {
            return next(http);
        }

        var address = http.Connection.RemoteIpAddress?.ToString() ?? "?";
        var login = Login(http);
        return limits.TryAcquire(address, login) ? next(http) : RefuseAsync(http, address, login);
    }

    private async Task RefuseAsync(HttpContext http, string address, string login)
    {
        LogThrottled(address, login);
        http.Response.Headers.RetryAfter = ((int)SignInRateLimits.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        await Auth.AuthEndpoints.ThrottledAsync(http);
    }

    /// <summary>The login as the sign-in check sees it (bounded: a key per made-up login must stay small).</summary>
    private static string Login(HttpContext http)
    {
        var login = http.Request.HasFormContentType ? StaffAdmin.NormalizeLogin(http.Request.Form["login"]) : string.Empty;
        return login.Length > 64 ? login[..64] : login;
    }

    [LoggerMessage(EventId = 1101, EventName = "SignInThrottled", Level = LogLevel.Warning,
        Message = "Sign-in attempts throttled for address {Address}, login {Login}")]
    private partial void LogThrottled(string? address, string login);
}
