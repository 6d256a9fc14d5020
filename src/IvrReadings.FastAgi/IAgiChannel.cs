namespace IvrReadings.FastAgi;

/// <summary>One live FastAGI call: typed AGI commands, one at a time, plus hang-up notification.</summary>
/// <remarks>
/// Commands are serialised: a second call waits until the first one's reply has arrived (Asterisk answers pipelined
/// commands off by one). Once the caller has hung up, commands Asterisk refuses on a dead channel throw
/// <see cref="CallHungUpException"/> without being sent; SET/GET VARIABLE, GET FULL VARIABLE, VERBOSE, NOOP and EXEC
/// still work so a handler can clean up.
/// </remarks>
public interface IAgiChannel
{
    AgiEnvironment Environment { get; }

    /// <summary>This server's end of the FastAGI connection: the address Asterisk reached it at (null when unknown).</summary>
    System.Net.EndPoint? LocalEndPoint => null;

    /// <summary>The server's own id for this call (<see cref="CallIds"/>), never Asterisk's: logs, the call log and
    /// recording files are named by it.</summary>
    string CallId { get; }

    /// <summary>Fires on the HANGUP line, a 511 reply, a -1 result caused by a hang-up, the socket closing, the call
    /// time limit or the end of the server's shutdown grace.</summary>
    CancellationToken HungUp { get; }

    bool IsHungUp { get; }

    Task AnswerAsync(CancellationToken ct = default);

    Task HangupAsync(CancellationToken ct = default);

    Task<StreamFileResult> StreamFileAsync(string file, string escapeDigits = "", long offset = 0, CancellationToken ct = default);

    Task<GetDataResult> GetDataAsync(string file, int timeoutMs, int maxDigits, CancellationToken ct = default);

    /// <summary>The digit pressed, or null on timeout. <paramref name="timeoutMs"/> -1 waits forever.</summary>
    Task<char?> WaitForDigitAsync(int timeoutMs, CancellationToken ct = default);

    Task<char?> SayDigitsAsync(string digits, string escapeDigits = "", CancellationToken ct = default);

    Task<char?> SayNumberAsync(long number, string escapeDigits = "", string? gender = null, CancellationToken ct = default);

    Task<RecordFileResult> RecordFileAsync(RecordFileRequest request, CancellationToken ct = default);

    Task SetVariableAsync(string name, string value, CancellationToken ct = default);

    /// <summary>The value, or null when the variable is not set.</summary>
    Task<string?> GetVariableAsync(string name, CancellationToken ct = default);

    Task<string?> GetFullVariableAsync(string expression, CancellationToken ct = default);

    /// <summary>The application's return value (-2 = application not found).</summary>
    Task<int> ExecAsync(string application, string arguments, CancellationToken ct = default);

    Task VerboseAsync(string message, int level = 1, CancellationToken ct = default);

    Task<int> ChannelStatusAsync(CancellationToken ct = default);

    Task SetMusicAsync(bool on, string? musicClass = null, CancellationToken ct = default);

    Task NoopAsync(CancellationToken ct = default);

    /// <summary>Escape hatch: sends any command and returns the reply. Throws like the typed commands on 510/511/520.</summary>
    Task<AgiResponse> SendRawAsync(AgiCommand command, CancellationToken ct = default);
}
