using System.Net;
using IvrReadings.Web.Metrics;

namespace IvrReadings.Web.Tests.Unit;

public sealed class MetricsAccessTests
{
    [Theory]
    [InlineData("127.0.0.1", false, true)]
    [InlineData("::1", false, true)]
    [InlineData("::ffff:127.0.0.1", false, true)]
    [InlineData("10.1.2.3", false, false)]
    [InlineData("::ffff:192.0.2.7", false, false)]
    [InlineData("10.1.2.3", true, true)]
    public void Only_loopback_scrapes_unless_remote_is_allowed(string address, bool allowRemote, bool allowed) =>
        Assert.Equal(allowed, MetricsEndpoints.IsAllowed(IPAddress.Parse(address), allowRemote));

    [Fact]
    public void An_unknown_peer_is_refused() => Assert.False(MetricsEndpoints.IsAllowed(null, allowRemote: false));
}
