namespace IvrReadings.FastAgi;

/// <summary>After a call is aborted (its time limit, or the end of the shutdown grace), the handler has
/// <c>ShutdownNotice</c> to tell the caller; then the connection is closed. The timer exists only once the call is
/// aborted: a call that ends normally (nearly all of them) holds this one small object, not a timer and its
/// registrations, which adds up with thousands of calls waiting.</summary>
internal sealed class CallNotice : IDisposable
{
    private readonly AgiChannel _channel;
    private readonly FastAgiServer _server;
    private readonly TimeSpan _notice;
    private readonly Lock _lock = new();
    private Timer? _timer;
    private bool _disposed;

    public CallNotice(AgiChannel channel, FastAgiServer server, TimeSpan notice)
    {
        _channel = channel;
        _server = server;
        _notice = notice;
    }

    /// <summary>For a registration on the call's abort token. Register it with the call's execution context (not
    /// UnsafeRegister): the timer captures it, so the close's log line carries the call's scope.</summary>
    public static void Start(object? state) => ((CallNotice)state!).Start();

    private void Start()
    {
        lock (_lock)
        {
            if (!_disposed && _timer is null)
            {
                _timer = new Timer(static state => ((CallNotice)state!).Over(), this, _notice, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Over()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
        }

        _channel.Abort(_server.IsStopping ? "server shutdown" : "call time limit");
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _timer?.Dispose();
        }
    }
}
