using Microsoft.AspNetCore.Connections;

namespace IvrReadings.Web.Tests.Unit;

public sealed class ConnectionCapTests
{
    [Fact]
    public async Task Past_the_cap_a_connection_is_closed_without_being_served_and_a_place_comes_back_when_one_ends()
    {
        var refused = 0;
        var cap = new ConnectionCap(2, () => Interlocked.Increment(ref refused));
        var served = 0;
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var guarded = cap.Guard(async _ =>
        {
            Interlocked.Increment(ref served);
            await hold.Task;
        });

        var first = guarded(new DefaultConnectionContext());
        var second = guarded(new DefaultConnectionContext());
        var third = guarded(new DefaultConnectionContext());

        Assert.True(third.IsCompletedSuccessfully); // closed at once: its delegate returned without serving it
        Assert.Equal(2, served);
        Assert.Equal(1, refused);
        Assert.Equal(2, cap.Open);

        hold.SetResult();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, cap.Open);
        await guarded(new DefaultConnectionContext()).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, served);
        Assert.Equal(1, refused);
    }

    [Fact]
    public void The_monitoring_port_is_off_by_default_and_a_wrong_or_shared_address_is_named()
    {
        Assert.Empty(new ConsoleOptions().Problems());
        Assert.Empty(new ConsoleOptions { MonitorUrls = "http://0.0.0.0:8081" }.Problems());

        Assert.Equal(
            "Console:MonitorUrls: 'https://127.0.0.1:8081' is not an http://host:port address (HTTPS belongs to a proxy in front).",
            Assert.Single(new ConsoleOptions { MonitorUrls = "https://127.0.0.1:8081" }.Problems()));
        Assert.Equal(
            "Console:MonitorUrls must not listen where Console:Urls does ('http://localhost:8080' and 'http://127.0.0.1:8080').",
            Assert.Single(new ConsoleOptions { MonitorUrls = "http://localhost:8080" }.Problems()));
    }
}
