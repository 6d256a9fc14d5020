using IvrReadings.Domain;
using IvrReadings.Web.I18n;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace IvrReadings.Web.Html;

/// <summary>
/// Builds a <see cref="PageContext"/>. The language: the user's choice (cookie), else the first of ours the browser asks
/// for (Accept-Language), else <c>Console:DefaultLanguage</c>, else the organisation's.
/// </summary>
public sealed class PageContextFactory(IAntiforgery antiforgery, IServiceProvider services, Organisation organisation, IOptions<ConsoleOptions> options)
{
    public const string LanguageCookie = "ivr_lang";

    public async Task<PageContext> CreateAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var tokens = antiforgery.GetAndStoreTokens(http);
        var signedIn = http.User.Identity?.IsAuthenticated == true;
        var backlog = signedIn ? await services.GetRequiredService<IReviewStore>().CountAsync(http.RequestAborted) : 0;
        return new PageContext(http, UiText.For(Language(http)), tokens.FormFieldName, tokens.RequestToken ?? string.Empty, backlog, organisation, options.Value);
    }

    /// <summary>A page without forms or the header's count (an error page that must render whatever state the request is in).</summary>
    public PageContext CreateAnonymous(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new PageContext(http, UiText.For(Language(http)), string.Empty, string.Empty, 0, organisation, options.Value, signedIn: false);
    }

    private string? Language(HttpContext http) =>
        UiText.Normalize(http.Request.Cookies[LanguageCookie])
        ?? FromBrowser(http)
        ?? UiText.Normalize(options.Value.DefaultLanguage)
        ?? UiText.Normalize(organisation.Language.ToString());

    /// <summary>The browser's most wanted language we have ("uk-UA,uk;q=0.9,en;q=0.5" → uk); q=0 means "not this one".</summary>
    private static string? FromBrowser(HttpContext http)
    {
        if (!StringWithQualityHeaderValue.TryParseList(http.Request.Headers.AcceptLanguage, out var wanted))
        {
            return null;
        }

        return wanted.Where(w => (w.Quality ?? 1) > 0)
            .OrderByDescending(w => w.Quality ?? 1)
            .Select(w => UiText.Normalize(w.Value.Value))
            .FirstOrDefault(l => l is not null);
    }
}
