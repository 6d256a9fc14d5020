namespace IvrReadings.FastAgi;

/// <summary>Aborts a call (its time limit, or the end of the shutdown grace): the handler is told through the call's
/// token and has <c>ShutdownNotice</c> to tell the caller; then the connection is closed.</summary>
/// <remarks>The time limit is the channel's own timer (<see cref="AgiChannel.SetCallTimeLimit"/>) and the shutdown one
/// registration on the server's token, both calling <see cref="Abort()"/>: no linked token source with a timer of its
/// own and no registration on the call's token. The notice's timer exists only once the call is aborted: a call that
/// ends normally (nearly all of them) holds this one small object, which adds up with thousands of calls waiting.</remarks>
internal sealed class CallNotice : IDisposable
{
    private const int Running = 0, Started = 1, Disposed = 2;

    private readonly AgiChannel _channel;
    private readonly FastAgiServer _server;
    private readonly TimeSpan _notice;
    private readonly CancellationTokenSource _aborted;
    private Timer? _timer;
    private int _state;

    /// <param name="aborted">The call's token source, cancelled when the call is aborted.</param>
    public CallNotice(AgiChannel channel, FastAgiServer server, TimeSpan notice, CancellationTokenSource aborted)
    {
        _channel = channel;
        _server = server;
        _notice = notice;
        _aborted = aborted;
    }

    /// <summary>For a registration on the server's shutdown token. Register it with the call's execution context (not
    /// UnsafeRegister): the timer captures it, so the close's log line carries the call's scope.</summary>
    public static void Abort(object? state) => ((CallNotice)state!).Abort();

    /// <summary>Tells the handler (cancels its token) and starts the notice, once.</summary>
    public void Abort()
    {
        if (Volatile.Read(ref _state) == Disposed)
        {
            return;
        }

        try
        {
            _aborted.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return; // the call ended at this very moment
        }

        if (Interlocked.CompareExchange(ref _state, Started, Running) != Running)
        {
            return;
        }

        var timer = new Timer(static state => ((CallNotice)state!).Over(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Volatile.Write(ref _timer, timer);
        timer.Change(_notice, Timeout.InfiniteTimeSpan);
        if (Volatile.Read(ref _state) == Disposed)
        {
            timer.Dispose();
        }
    }

    private void Over()
    {
        if (Volatile.Read(ref _state) != Disposed)
        {
            _channel.Abort(_server.IsStopping ? "server shutdown" : "call time limit");
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _state, Disposed);
        Volatile.Read(ref _timer)?.Dispose();
    }
}
