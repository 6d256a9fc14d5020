using System.Net;
using IvrReadings.Web.Auth;
using IvrReadings.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Web.Tests.Functional;

/// <summary>Every route the app maps, taken from its EndpointDataSource, so a new route cannot slip past these checks.</summary>
public abstract class EndpointSecurityTests(ConsoleFixture fixture)
{
    /// <summary>The only routes open without signing in.</summary>
    private static readonly HashSet<string> Anonymous =
        ["GET /login", "POST /login", "POST /language", "GET /metrics", "GET /console.js", "GET /favicon.svg", "GET /favicon.ico"];

    private static readonly HashSet<string> SupervisorOnly =
    [
        "GET /export", "GET /export/readings.csv", "GET /calls/export.csv", "GET /staff", "POST /staff",
        "POST /staff/{login}/disable", "POST /staff/{login}/enable", "POST /staff/{login}/password", "POST /staff/{login}/role", "GET /audit",
    ];

    [Fact]
    public void The_route_table_is_what_these_tests_expect()
    {
        var routes = Routes().Select(r => r.Key).ToHashSet();

        Assert.Superset(Anonymous, routes);
        Assert.Superset(SupervisorOnly, routes);
        Assert.Contains("GET /recordings/{id}", routes);
        foreach (var (key, endpoint) in Routes())
        {
            var open = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            Assert.True(open == Anonymous.Contains(key), key);
            var supervisor = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == ConsoleAuth.SupervisorPolicy);
            Assert.True(supervisor == SupervisorOnly.Contains(key), key);
        }
    }

    [Fact]
    public async Task Every_route_refuses_anonymous_requests()
    {
        using var client = new StaffClient(fixture.App.Address);
        foreach (var (key, _) in Routes().Where(r => !Anonymous.Contains(r.Key)))
        {
            var response = await SendAsync(client, key, withToken: null);
            Assert.True(
                response.StatusCode == HttpStatusCode.Unauthorized
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith("/login", StringComparison.Ordinal)),
                $"{key}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Operators_are_refused_every_supervisor_route()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var token = await client.TokenAsync("/");
        foreach (var key in SupervisorOnly)
        {
            var response = await SendAsync(client, key, token);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{key}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Operators_reach_the_other_pages()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        foreach (var path in new[] { "/", "/queue", "/calls", $"/calls/{Seed.VoiceCallId}", $"/accounts/{Seed.Account}", $"/queue/{Seed.VoiceCallId}" })
        {
            var response = await client.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Every_unsafe_route_refuses_a_request_without_its_antiforgery_token()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.SupervisorLogin);
        foreach (var (key, _) in Routes().Where(r => !r.Key.StartsWith("GET ", StringComparison.Ordinal)))
        {
            var missing = await SendAsync(client, key, withToken: null);
            Assert.True(missing.StatusCode == HttpStatusCode.BadRequest, $"{key} without token: {(int)missing.StatusCode}");
            var forged = await SendAsync(client, key, withToken: "CfDJ8forged-token");
            Assert.True(forged.StatusCode == HttpStatusCode.BadRequest, $"{key} with a forged token: {(int)forged.StatusCode}");
        }

        // And the session is still signed in: nothing above signed it out.
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/staff")).StatusCode);
    }

    [Theory]
    [InlineData("/recordings/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/recordings/%2Fetc%2Fpasswd")]
    [InlineData("/recordings/1%2F..%2F..%2Foutside.wav")]
    [InlineData("/recordings/-1")]
    [InlineData("/recordings/999999")]
    [InlineData("/recordings/1.0")]
    public async Task Recording_ids_with_path_tricks_are_refused(string path)
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var response = await client.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_stored_path_leaving_the_recordings_directory_is_never_served()
    {
        using var client = await StaffClient.SignedInAsync(fixture.App.Address, Seed.OperatorLogin);
        var response = await client.Http.GetAsync($"/recordings/{fixture.Seed.OutsideRecordingId}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        using var client = new StaffClient(fixture.App.Address);
        foreach (var path in new[] { "/login", "/", "/metrics" })
        {
            var response = await client.Http.GetAsync(path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal); // our one script file, never inline
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_strict()
    {
        using var client = new StaffClient(fixture.App.Address);
        var token = await client.TokenAsync("/login");
        var response = await client.PostFormAsync("/login", new Dictionary<string, string>
        {
            ["login"] = Seed.OperatorLogin, ["password"] = Seed.Password, ["__af"] = token,
        });
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ConsoleAuth.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private IEnumerable<KeyValuePair<string, RouteEndpoint>> Routes() =>
        fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new KeyValuePair<string, RouteEndpoint>(m + " /" + e.RoutePattern.RawText!.TrimStart('/'), e)));

    private async Task<HttpResponseMessage> SendAsync(StaffClient client, string key, string? withToken)
    {
        var method = key[..key.IndexOf(' ', StringComparison.Ordinal)];
        var path = key[(method.Length + 1)..]
            .Replace("{callId}", Seed.VoiceCallId, StringComparison.Ordinal)
            .Replace("{number}", Seed.Account, StringComparison.Ordinal)
            .Replace("{id}", fixture.Seed.RecordingId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{login}", Seed.OperatorLogin, StringComparison.Ordinal)
            .Replace("{*path:nonfile}", "no-such-page", StringComparison.Ordinal);
        Assert.DoesNotContain("{", path, StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
        {
            var fields = new Dictionary<string, string> { ["password"] = "a new password 1", ["login"] = "someone", ["role"] = "operator", ["lang"] = "en" };
            if (withToken is not null)
            {
                fields["__af"] = withToken;
            }

            request.Content = new FormUrlEncodedContent(fields);
        }

        return await client.Http.SendAsync(request);
    }
}

[Collection(ConsoleCollection.Name)]
public sealed class SqliteEndpointSecurityTests(ConsoleFixture fixture) : EndpointSecurityTests(fixture);

[Collection(PostgresConsoleCollection.Name)]
public sealed class PostgresEndpointSecurityTests(PostgresConsoleFixture fixture) : EndpointSecurityTests(fixture), INeedsPostgres;
