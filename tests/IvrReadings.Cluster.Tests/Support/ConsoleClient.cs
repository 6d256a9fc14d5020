using System.Net;
using System.Text.RegularExpressions;

namespace IvrReadings.Cluster.Tests.Support;

/// <summary>A staff member's browser, reduced to what these tests need: cookies, the sign-in form, pages.</summary>
public sealed partial class ConsoleClient : IDisposable
{
    private readonly HttpClient _http;

    public ConsoleClient(Uri console, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = console };
    }

    public CookieContainer Cookies { get; }

    public Uri Address => _http.BaseAddress!;

    /// <summary>Signs in through the form; true when the console accepted the password (a redirect into it).</summary>
    public async Task<bool> SignInAsync(string login, string password)
    {
        var token = await TokenAsync("/login");
        using var response = await _http.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["login"] = login,
            ["password"] = password,
            ["__af"] = token,
            ["returnUrl"] = "/",
        }));
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Where the page at <paramref name="path"/> sends the browser (its Location); throws when it is not a redirect.</summary>
    public async Task<string> RedirectAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location
            ? location.OriginalString
            : throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}, not a redirect");
    }

    /// <summary>Posts a form with the anti-forgery token of this server's page <paramref name="tokenFrom"/>; the status code.</summary>
    public async Task<HttpStatusCode> PostFormAsync(string path, string tokenFrom, IDictionary<string, string>? fields = null) =>
        await PostAsync(path, new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["__af"] = await TokenAsync(tokenFrom) });

    /// <summary>Posts exactly these fields; the status code.</summary>
    public async Task<HttpStatusCode> PostAsync(string path, IDictionary<string, string> fields)
    {
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(fields));
        return response.StatusCode;
    }

    /// <summary>The anti-forgery token of the first form on the page.</summary>
    public async Task<string> TokenAsync(string path)
    {
        var (_, html) = await GetAsync(path);
        return TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("No anti-forgery token on " + path);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
