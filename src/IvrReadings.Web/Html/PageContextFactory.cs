using IvrReadings.Domain;
using IvrReadings.Web.I18n;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace IvrReadings.Web.Html;

/// <summary>Builds a <see cref="PageContext"/>: the user's chosen language (cookie), else <c>Console:DefaultLanguage</c>, else the organisation's.</summary>
public sealed class PageContextFactory(IAntiforgery antiforgery, IServiceProvider services, Organisation organisation, IOptions<ConsoleOptions> options)
{
    public const string LanguageCookie = "ivr_lang";

    public async Task<PageContext> CreateAsync(HttpContext http)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var signedIn = http.User.Identity?.IsAuthenticated == true;
        var backlog = signedIn ? await services.GetRequiredService<IReviewStore>().CountAsync(http.RequestAborted) : 0;
        var language = UiText.Normalize(http.Request.Cookies[LanguageCookie])
            ?? UiText.Normalize(options.Value.DefaultLanguage)
            ?? UiText.Normalize(organisation.Language.ToString());
        return new PageContext(http, UiText.For(language), tokens.FormFieldName, tokens.RequestToken ?? string.Empty, backlog, organisation);
    }
}
