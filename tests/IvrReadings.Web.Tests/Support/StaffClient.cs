using System.Net;
using System.Text.RegularExpressions;

namespace IvrReadings.Web.Tests.Support;

/// <summary>An HttpClient that keeps cookies, does not follow redirects, and knows how to sign in and find a form's anti-forgery token.</summary>
public sealed partial class StaffClient : IDisposable
{
    private readonly HttpClient http;

    public StaffClient(Uri address)
    {
        Cookies = new CookieContainer();
        http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = address };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => http;

    public static async Task<StaffClient> SignedInAsync(Uri address, string login, string password = Seed.Password)
    {
        var client = new StaffClient(address);
        var response = await client.SignInAsync(login, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task<HttpResponseMessage> SignInAsync(string login, string password)
    {
        var token = await TokenAsync("/login");
        return await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["login"] = login,
            ["password"] = password,
            ["__af"] = token,
            ["returnUrl"] = "/",
        }));
    }

    /// <summary>The anti-forgery token of the first form on the page.</summary>
    public async Task<string> TokenAsync(string path)
    {
        var html = await http.GetStringAsync(path);
        return TokenPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No anti-forgery token on " + path);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> fields) =>
        http.PostAsync(path, new FormUrlEncodedContent(fields));

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
