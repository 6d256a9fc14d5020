using System.Net;
using Microsoft.Extensions.Logging;

namespace IvrReadings.FastAgi;

/// <summary>Source-generated log messages: these run per call or per command.</summary>
internal static partial class FastAgiLog
{
    // One Information line per call, the summary at its end; the start only at Debug. Every line costs CPU on the socket
    // thread (make bench: ~15 us a line through Serilog's console sink), and the handlers log their own start.
    [LoggerMessage(1, LogLevel.Debug, "Call started: script {Script}, caller {CallerId}, Asterisk id {AsteriskUniqueId}")]
    public static partial void CallStarted(ILogger logger, string script, string callerId, string asteriskUniqueId);

    // Event 2, "Call ended: ...", the summary: CallSummaryLog writes it off the socket thread.

    [LoggerMessage(3, LogLevel.Debug, "AGI >> {Command}")]
    public static partial void CommandSent(ILogger logger, string command);

    [LoggerMessage(4, LogLevel.Debug, "AGI << {Response}")]
    public static partial void ResponseReceived(ILogger logger, AgiResponse response);

    [LoggerMessage(5, LogLevel.Information, "Caller hung up ({Reason})")]
    public static partial void HungUp(ILogger logger, string reason);

    [LoggerMessage(6, LogLevel.Warning, "No handler for AGI script {Script}; closing so the dialplan continues ({Suppressed} more since the last line)")]
    public static partial void UnknownScript(ILogger logger, string script, long suppressed);

    [LoggerMessage(7, LogLevel.Warning, "Refused FastAGI connection from {Remote}: not in FastAgi:AllowedClients ({Suppressed} more since the last line)")]
    public static partial void ClientRefused(ILogger logger, EndPoint? remote, long suppressed);

    [LoggerMessage(8, LogLevel.Warning, "Busy: {ActiveCalls} calls active (max {MaxCalls}); playing the busy prompt and closing")]
    public static partial void Busy(ILogger logger, int activeCalls, int maxCalls);

    [LoggerMessage(9, LogLevel.Warning, "FastAGI protocol error from {Remote}: {Error}; closing ({Suppressed} more since the last line)")]
    public static partial void ProtocolError(ILogger logger, EndPoint? remote, string error, long suppressed);

    [LoggerMessage(26, LogLevel.Information, "The connection went away during a command ({Error}): an ordinary end of a call")]
    public static partial void Disconnected(ILogger logger, string error);

    [LoggerMessage(10, LogLevel.Error, "AGI command {Command} got no reply within {TimeoutMs} ms; closing the connection")]
    public static partial void CommandTimedOut(ILogger logger, string command, long timeoutMs);

    [LoggerMessage(27, LogLevel.Warning, "The peer refused AGI command {Command}: {Reply}; ending the call ({Suppressed} more since the last line)")]
    public static partial void CommandRefused(ILogger logger, string command, string reply, long suppressed);

    [LoggerMessage(11, LogLevel.Error, "AGI script handler failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(12, LogLevel.Warning, "Reply with no command waiting for it: {Response}")]
    public static partial void UnexpectedResponse(ILogger logger, AgiResponse response);

    [LoggerMessage(13, LogLevel.Warning, "Connection from {Remote} closed without a complete environment block (timed out, closed, or made room for a newer connection); {Suppressed} more since the last line")]
    public static partial void IncompleteEnvironment(ILogger logger, EndPoint? remote, long suppressed);

    [LoggerMessage(14, LogLevel.Warning, "Call time limit {Limit} reached; ending the call")]
    public static partial void CallTimedOut(ILogger logger, TimeSpan limit);

    [LoggerMessage(15, LogLevel.Information, "FastAGI listening on {Endpoint} (backlog {Backlog})")]
    public static partial void Listening(ILogger logger, EndPoint endpoint, int backlog);

    [LoggerMessage(16, LogLevel.Error, "FastAGI accept failed ({Error}: {Message}); retrying with back-off, one line per burst")]
    public static partial void AcceptFailed(ILogger logger, System.Net.Sockets.SocketError error, string message);

    [LoggerMessage(22, LogLevel.Warning, "FastAGI accepts again after {Failures} failed accepts in {DurationMs} ms")]
    public static partial void AcceptRecovered(ILogger logger, int failures, long durationMs);

    [LoggerMessage(23, LogLevel.Information, "FastAGI takes at most {Connections} connections at once (descriptor limit {Limit}, {Reserved} kept for the database, logs and console)")]
    public static partial void ConnectionBudget(ILogger logger, int connections, long limit, int reserved);

    [LoggerMessage(24, LogLevel.Warning, "The descriptor limit allows {Connections} connections, fewer than FastAgi:MaxConcurrentCalls {MaxCalls}: raise the limit (LimitNOFILE=) for that many calls")]
    public static partial void BudgetBelowMaxCalls(ILogger logger, int connections, int maxCalls);

    [LoggerMessage(25, LogLevel.Warning, "FastAGI connection limit {Connections} reached with every connection a call: new connections are closed at once ({Suppressed} more since the last line)")]
    public static partial void ConnectionLimit(ILogger logger, int connections, long suppressed);

    [LoggerMessage(17, LogLevel.Error, "FastAGI connection failed")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(19, LogLevel.Debug, "Call closed by the server ({Reason})")]
    public static partial void ClosedByServer(ILogger logger, string reason);

    [LoggerMessage(20, LogLevel.Warning, "Closing the connection: {Replies} replies with no command waiting and {HangupLines} HANGUP lines (no Asterisk sends these)")]
    public static partial void Flooded(ILogger logger, int replies, int hangupLines);

    [LoggerMessage(21, LogLevel.Error, "AGI command {Command} could not be written within {TimeoutMs} ms (the peer stopped reading); closing the connection")]
    public static partial void WriteTimedOut(ILogger logger, string command, long timeoutMs);

    [LoggerMessage(18, LogLevel.Information, "FastAGI stopped accepting; waiting for {Connections} connections to end")]
    public static partial void Draining(ILogger logger, int connections);
}
