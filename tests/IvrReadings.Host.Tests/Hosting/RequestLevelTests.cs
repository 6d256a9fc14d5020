using IvrReadings.Host.Hosting;
using Microsoft.AspNetCore.Http;
using Serilog.Events;

namespace IvrReadings.Host.Tests.Hosting;

/// <summary>The level of a console request's log line: an operator watching for errors sees the server's failures, not
/// a monitor that gave up waiting for /health.</summary>
public sealed class RequestLevelTests
{
    private static DefaultHttpContext Request(string path, int status, bool clientGone)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = path;
        http.Response.StatusCode = status;
        if (clientGone)
        {
            using var aborted = new CancellationTokenSource();
            aborted.Cancel();
            http.RequestAborted = aborted.Token;
        }

        return http;
    }

    [Fact]
    public void A_health_poll_its_client_gave_up_on_is_not_an_error()
    {
        var level = HostLogging.RequestLevel(Request("/health", 500, clientGone: true), 10_000, new OperationCanceledException());
        Assert.Equal(LogEventLevel.Debug, level);
    }

    [Fact]
    public void A_page_its_client_left_is_logged_like_any_page()
    {
        Assert.Equal(LogEventLevel.Information, HostLogging.RequestLevel(Request("/calls", 500, clientGone: true), 3_000, new TaskCanceledException()));
        Assert.Equal(LogEventLevel.Information, HostLogging.RequestLevel(Request("/calls", 200, clientGone: true), 3_000, null));
    }

    [Fact]
    public void Failures_of_the_server_stay_errors_even_if_the_client_has_gone()
    {
        Assert.Equal(LogEventLevel.Error, HostLogging.RequestLevel(Request("/health", 500, clientGone: false), 5, new InvalidOperationException("disk full")));
        Assert.Equal(LogEventLevel.Error, HostLogging.RequestLevel(Request("/health", 503, clientGone: false), 5, null));
        Assert.Equal(LogEventLevel.Error, HostLogging.RequestLevel(Request("/export", 500, clientGone: true), 5, new InvalidOperationException("bug")));
        // A cancellation of ours (a database deadline) while the client still waits is a failure too.
        Assert.Equal(LogEventLevel.Error, HostLogging.RequestLevel(Request("/calls", 500, clientGone: false), 3_000, new OperationCanceledException()));
    }

    [Fact]
    public void Polls_that_answer_are_at_debug_and_pages_at_information()
    {
        Assert.Equal(LogEventLevel.Debug, HostLogging.RequestLevel(Request("/metrics", 200, clientGone: false), 1, null));
        Assert.Equal(LogEventLevel.Information, HostLogging.RequestLevel(Request("/login", 200, clientGone: false), 1, null));
    }
}
