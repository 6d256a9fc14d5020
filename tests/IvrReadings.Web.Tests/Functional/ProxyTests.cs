using System.Net;
using IvrReadings.Domain;
using IvrReadings.Web.Staff;
using IvrReadings.Web.Tests.Support;

namespace IvrReadings.Web.Tests.Functional;

/// <summary>Behind a TLS reverse proxy: forwarded headers from known proxies only, Secure cookies that work, HSTS, local-only endpoints.</summary>
public sealed class ProxyTests
{
    private static HttpRequestMessage Get(string path, string? proto = null, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (proto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", proto);
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return request;
    }

    [Fact]
    public async Task With_secure_cookies_a_request_forwarded_as_https_signs_in_and_plain_http_gets_an_explanation_not_an_error()
    {
        await using var app = await ConsoleApp.StartAsync(new Dictionary<string, string?> { ["Console:SecureCookies"] = "true" });
        using var client = new StaffClient(app.Address);

        var plain = await client.Http.SendAsync(Get("/login"));
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Contains("id=\"https-required\"", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));

        var forwarded = await client.Http.SendAsync(Get("/login", proto: "https"));
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.Equal("max-age=31536000", forwarded.Headers.GetValues("Strict-Transport-Security").Single());
        var antiforgery = forwarded.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ivr_af=", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        // Local monitoring still reaches /metrics over plain HTTP.
        Assert.Equal(HttpStatusCode.OK, (await client.Http.SendAsync(Get("/metrics"))).StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_from_a_proxy_that_is_not_known_are_ignored()
    {
        await using var app = await ConsoleApp.StartAsync(new Dictionary<string, string?>
        {
            ["Console:SecureCookies"] = "true",
            ["Console:KnownProxies"] = "10.9.9.9",
        });
        using var client = new StaffClient(app.Address);
        var spoofed = await client.Http.SendAsync(Get("/login", proto: "https"));
        Assert.Equal(HttpStatusCode.BadRequest, spoofed.StatusCode);
    }

    [Fact]
    public async Task Metrics_stay_local_after_forwarded_headers_a_proxy_on_the_same_host_cannot_publish_them()
    {
        await using var app = await ConsoleApp.StartAsync();
        using var client = new StaffClient(app.Address);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.SendAsync(Get("/metrics"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.SendAsync(Get("/metrics", proto: "https", forwardedFor: "203.0.113.9"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.SendAsync(Get("/metrics", forwardedFor: "127.0.0.1"))).StatusCode);

        await using var open = await ConsoleApp.StartAsync(new Dictionary<string, string?> { ["Console:MetricsAllowRemote"] = "true" });
        using var openClient = new StaffClient(open.Address);
        Assert.Equal(HttpStatusCode.OK, (await openClient.Http.SendAsync(Get("/metrics", forwardedFor: "203.0.113.9"))).StatusCode);
    }

    [Fact]
    public async Task The_client_address_is_the_forwarded_one_from_a_known_proxy_only()
    {
        await using var app = await ConsoleApp.StartAsync();
        await StaffAdmin.AddAsync("viaproxy", StaffRole.Operator, Seed.Password, app.Services);
        using var client = new StaffClient(app.Address);
        var token = await client.TokenAsync("/login");
        var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = "viaproxy", ["password"] = "wrong password", ["__af"] = token }),
        };
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        await client.Http.SendAsync(request);
        var line = (await app.Get<IAuditLog>().ListAsync(new AuditFilter(Target: "viaproxy", Action: AuditActions.SignInFailed), CancellationToken.None)).Entries.Single().Entry;
        Assert.Equal((AuditActions.SignInFailed, "203.0.113.9"), (line.Action, line.Address));
    }
}
