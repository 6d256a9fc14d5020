using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IvrReadings.FastAgi.Tests.Hosting;

public sealed class FastAgiOptionsTests
{
    [Fact]
    public void Every_setting_binds_from_the_FastAgi_section_as_environment_variables_write_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FastAgi:Listen"] = "0.0.0.0:4600",
            ["FastAgi:AllowedClients:0"] = "10.0.0.5",
            ["FastAgi:AllowedClients:1"] = "10.1.0.0/16",
            ["FastAgi:MaxConcurrentCalls"] = "500",
            ["FastAgi:CommandTimeout"] = "00:00:30",
            ["FastAgi:CallTimeout"] = "00:10:00",
            ["FastAgi:ShutdownGrace"] = "00:00:05",
            ["FastAgi:MaxLineLength"] = "4096",
            ["FastAgi:BusyPrompt"] = "custom/busy",
            ["FastAgi:Backlog"] = "8192",
        }).Build();
        var services = new ServiceCollection().AddFastAgi(configuration.GetSection(FastAgiOptions.SectionName)).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<FastAgiOptions>>().Value;

        Assert.Equal(new IPEndPoint(IPAddress.Any, 4600), options.GetListenEndPoint());
        Assert.Equal(["10.0.0.5", "10.1.0.0/16"], options.AllowedClients);
        Assert.True(options.GetAllowedNetworks()[1].Contains(IPAddress.Parse("10.1.200.3")));
        Assert.False(options.GetAllowedNetworks()[0].Contains(IPAddress.Parse("10.0.0.6")));
        Assert.Equal(500, options.MaxConcurrentCalls);
        Assert.Equal(TimeSpan.FromSeconds(30), options.CommandTimeout);
        Assert.Equal(TimeSpan.FromMinutes(10), options.CallTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ShutdownGrace);
        Assert.Equal(4096, options.MaxLineLength);
        Assert.Equal("custom/busy", options.BusyPrompt);
        Assert.Equal(8192, options.Backlog);
    }

    [Theory]
    [InlineData("127.0.0.1:4573", "127.0.0.1", 4573)]
    [InlineData("*:4573", "0.0.0.0", 4573)]
    [InlineData("localhost:4574", "127.0.0.1", 4574)]
    [InlineData("[::]:4573", "::", 4573)]
    public void Listen_accepts_the_usual_forms(string listen, string address, int port)
    {
        var endPoint = new FastAgiOptions { Listen = listen }.GetListenEndPoint();
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), endPoint);
    }

    [Fact]
    public void Defaults_match_the_documentation()
    {
        var options = new FastAgiOptions();
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 4573), options.GetListenEndPoint());
        Assert.Empty(options.AllowedClients);
        Assert.Equal("ivr-readings/busy", options.BusyPrompt);
        Assert.True(options.Backlog >= 1000);
    }
}
