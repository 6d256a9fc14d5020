using System.Globalization;
using System.Threading.RateLimiting;
using IvrReadings.Web.Staff;
using Microsoft.AspNetCore.RateLimiting;

namespace IvrReadings.Web.Security;

/// <summary>
/// ASP.NET Core's rate limiter on sign-in attempts (POST /login): a sliding minute per client address (after forwarded
/// headers) and, chained to it, per login typed, whoever types it. Other requests are not limited. The form is read by
/// the anti-forgery check before this runs, so the login is at hand.
/// </summary>
public static class SignInRateLimits
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void Configure(RateLimiterOptions options, ConsoleOptions console)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var byAddress = PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignIn(http)
            ? RateLimitPartition.GetSlidingWindowLimiter("a:" + (http.Connection.RemoteIpAddress?.ToString() ?? "?"), _ => Limit(console.SignInLimitPerAddress))
            : RateLimitPartition.GetNoLimiter(string.Empty));
        var byLogin = PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignIn(http)
            ? RateLimitPartition.GetSlidingWindowLimiter("l:" + Login(http), _ => Limit(console.SignInLimitPerLogin))
            : RateLimitPartition.GetNoLimiter(string.Empty));
        options.GlobalLimiter = PartitionedRateLimiter.CreateChained(byAddress, byLogin);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            http.Response.Headers.RetryAfter = ((int)Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInRateLimits));
            LogThrottled(logger, http.Connection.RemoteIpAddress?.ToString(), Login(http));
            await Auth.AuthEndpoints.ThrottledAsync(http);
        };
    }

    private static SlidingWindowRateLimiterOptions Limit(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = Window,
        SegmentsPerWindow = 6,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static bool IsSignIn(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals("/login", StringComparison.OrdinalIgnoreCase);

    /// <summary>The login as the sign-in check sees it (bounded: a key per made-up login must stay small).</summary>
    private static string Login(HttpContext http)
    {
        var login = http.Request.HasFormContentType ? StaffAdmin.NormalizeLogin(http.Request.Form["login"]) : string.Empty;
        return login.Length > 64 ? login[..64] : login;
    }

    private static readonly Action<ILogger, string?, string, Exception?> LogThrottledMessage = LoggerMessage.Define<string?, string>(
        LogLevel.Warning, new EventId(1101, "SignInThrottled"), "Sign-in attempts throttled for address {Address}, login {Login}");

    private static void LogThrottled(ILogger logger, string? address, string login) => LogThrottledMessage(logger, address, login, null);
}
