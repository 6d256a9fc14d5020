using System.Net;
using IvrReadings.Web.Security;
using Microsoft.AspNetCore.Http;

namespace IvrReadings.Web.Tests.Unit;

public sealed class MetricsAccessTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.1.2.3", false)]
    [InlineData("::ffff:192.0.2.7", false)]
    public void Only_loopback_is_local(string address, bool local)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        Assert.Equal(local, ProxiedRequests.IsLocal(http));
    }

    [Fact]
    public void An_unknown_peer_is_not_local() => Assert.False(ProxiedRequests.IsLocal(new DefaultHttpContext()));

    [Fact]
    public async Task A_loopback_request_that_came_through_a_proxy_is_not_local()
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        http.Request.Headers["X-Forwarded-For"] = "127.0.0.1";
        await ProxiedRequests.MarkAsync(http, () => Task.CompletedTask);
        Assert.False(ProxiedRequests.IsLocal(http));
    }
}
