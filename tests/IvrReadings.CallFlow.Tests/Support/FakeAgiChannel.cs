using IvrReadings.FastAgi;

namespace IvrReadings.CallFlow.Tests;

/// <summary>
/// A scripted caller on an <see cref="IAgiChannel"/>, following what a real Asterisk does (see the AGI transcripts):
/// each burst of keys is typed when the app waits for input (GET DATA); a burst starting with '&gt;' is typed
/// during the next prompt instead (barge-in). Keys left over stay typed ahead for the next command. "-" = the caller
/// stays silent for one input; when the script runs out (or at "!") the caller hangs up.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Test fake; the token must stay readable after the call.")]
internal sealed class FakeAgiChannel : IAgiChannel
{
    private readonly Queue<string> _bursts;
    private readonly CancellationTokenSource _hungUp = new();
    private string _typed = "";

    public FakeAgiChannel(string keys, string query = "", string language = "en", string callerId = "79161234567")
    {
        _bursts = new Queue<string>(keys.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Environment = new AgiEnvironment(new Dictionary<string, string>
        {
            ["agi_network_script"] = "readings" + (query.Length > 0 ? "?" + query : ""),
            ["agi_uniqueid"] = "1795313187." + Interlocked.Increment(ref s_calls),
            ["agi_channel"] = "PJSIP/test-00000001",
            ["agi_callerid"] = callerId,
            ["agi_language"] = language,
        });
    }

    private static int s_calls;

    public AgiEnvironment Environment { get; }

    public string CallId { get; } = CallIds.New();

    public CancellationToken HungUp => _hungUp.Token;

    public bool IsHungUp => _hungUp.IsCancellationRequested;

    public bool AppHungUp { get; private set; }

    public List<string> Played { get; } = [];

    public Dictionary<string, string> Variables { get; } = [];

    public Task AnswerAsync(CancellationToken ct = default) => Alive();

    public Task HangupAsync(CancellationToken ct = default)
    {
        Alive();
        AppHungUp = true;
        _hungUp.Cancel();
        return Task.CompletedTask;
    }

    public Task<StreamFileResult> StreamFileAsync(string file, string escapeDigits = "", long offset = 0, CancellationToken ct = default)
    {
        Alive();
        Played.Add(file);
        if (_typed.Length == 0 && _bursts.TryPeek(out var next) && next.StartsWith('>'))
        {
            _typed = _bursts.Dequeue()[1..];
        }

        if (_typed.Length > 0 && escapeDigits.Contains(_typed[0], StringComparison.Ordinal))
        {
            var digit = _typed[0];
            _typed = _typed[1..];
            return Task.FromResult(new StreamFileResult(digit, 800, false));
        }

        return Task.FromResult(new StreamFileResult(null, 8000, false));
    }

    public Task<GetDataResult> GetDataAsync(string file, int timeoutMs, int maxDigits, CancellationToken ct = default)
    {
        Alive();
        Played.Add(file);
        if (_typed.Length == 0)
        {
            if (!_bursts.TryDequeue(out var burst) || burst == "!")
            {
                return HangUpNow<GetDataResult>();
            }

            if (burst == "-")
            {
                return Task.FromResult(new GetDataResult("", true, false));
            }

            _typed = burst.TrimStart('>');
        }

        var digits = "";
        while (_typed.Length > 0 && digits.Length < maxDigits)
        {
            var c = _typed[0];
            _typed = _typed[1..];
            if (c == '#')
            {
                return Task.FromResult(new GetDataResult(digits, false, false));
            }

            digits += c;
        }

        return Task.FromResult(new GetDataResult(digits, digits.Length < maxDigits, false));
    }

    public Task<char?> WaitForDigitAsync(int timeoutMs, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<char?> SayDigitsAsync(string digits, string escapeDigits = "", CancellationToken ct = default) => throw new NotSupportedException();

    public Task<char?> SayNumberAsync(long number, string escapeDigits = "", string? gender = null, CancellationToken ct = default) =>
        throw new NotSupportedException("SAY NUMBER is broken in ru and missing in uk: the flow must not use it.");

    public Task<RecordFileResult> RecordFileAsync(RecordFileRequest request, CancellationToken ct = default) => throw new NotSupportedException();

    public Task SetVariableAsync(string name, string value, CancellationToken ct = default)
    {
        Variables[name] = value; // allowed on a dead channel too
        return Task.CompletedTask;
    }

    public Task<string?> GetVariableAsync(string name, CancellationToken ct = default) => Task.FromResult(Variables.GetValueOrDefault(name));

    public Task<string?> GetFullVariableAsync(string expression, CancellationToken ct = default) => GetVariableAsync(expression, ct);

    public Task<int> ExecAsync(string application, string arguments, CancellationToken ct = default) => Task.FromResult(0);

    public Task VerboseAsync(string message, int level = 1, CancellationToken ct = default) => Task.CompletedTask;

    public Task<int> ChannelStatusAsync(CancellationToken ct = default) => Task.FromResult(6);

    public Task SetMusicAsync(bool on, string? musicClass = null, CancellationToken ct = default) => Task.CompletedTask;

    public Task NoopAsync(CancellationToken ct = default) => Task.CompletedTask;

    public Task<AgiResponse> SendRawAsync(AgiCommand command, CancellationToken ct = default) => throw new NotSupportedException();

    private Task HangUpNow()
    {
        _hungUp.Cancel();
        throw new CallHungUpException(_hungUp.Token);
    }

    private Task<T> HangUpNow<T>()
    {
        _hungUp.Cancel();
        throw new CallHungUpException(_hungUp.Token);
    }

    private Task Alive() => IsHungUp ? HangUpNow() : Task.CompletedTask;
}
