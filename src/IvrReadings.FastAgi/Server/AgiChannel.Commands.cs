using System.Globalization;

namespace IvrReadings.FastAgi;

/// <summary>The typed AGI commands: each formats its command, sends it and turns Asterisk's reply into a result.</summary>
public sealed partial class AgiChannel
{
    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static TimeSpan Ms(long milliseconds) => milliseconds < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(milliseconds);

    /// <summary>Commands Asterisk still executes on a hung-up channel (transcripts 30, 31).</summary>
    public static bool IsAllowedWhenDead(string commandName) =>
        commandName.Equals("NOOP", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("VERBOSE", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("SET VARIABLE", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("GET VARIABLE", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("GET FULL VARIABLE", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("EXEC", StringComparison.OrdinalIgnoreCase);

    public async Task AnswerAsync(CancellationToken ct = default)
    {
        var response = await SendAsync(new AgiCommand("ANSWER"), false, TimeSpan.Zero, ct).ConfigureAwait(false);
        if (response.Result < 0)
        {
            throw HungUpBy("ANSWER failed");
        }
    }

    public async Task HangupAsync(CancellationToken ct = default)
    {
        await SendAsync(new AgiCommand("HANGUP"), false, TimeSpan.Zero, ct).ConfigureAwait(false);

        // Asterisk confirms with HANGUP ~40 ms later; the call is over for the handler now.
        MarkHungUp("hung up by the application", byCaller: false);
    }

    public async Task<StreamFileResult> StreamFileAsync(string file, string escapeDigits = "", long offset = 0, CancellationToken ct = default)
    {
        var command = offset > 0
            ? new AgiCommand("STREAM FILE", file, AgiArgument.Quoted(escapeDigits), Int(offset))
            : new AgiCommand("STREAM FILE", file, AgiArgument.Quoted(escapeDigits));
        var response = await SendAsync(command, false, TimeSpan.Zero, ct).ConfigureAwait(false);
        var result = response.Result;
        var endpos = response.EndPosition ?? 0;
        if (result < 0)
        {
            // "-1 endpos=0" comes at once for a missing file, and for a caller who hung up before a sample was
            // played; a -1 later in the file is a hang-up during playback.
            if (endpos == 0 && await IsPromptMissingAsync(ct).ConfigureAwait(false))
            {
                return new StreamFileResult(null, 0, true);
            }

            throw HungUpBy("hung up during STREAM FILE");
        }

        return new StreamFileResult(result > 0 ? (char)result : null, endpos, false);
    }

    public async Task<GetDataResult> GetDataAsync(string file, int timeoutMs, int maxDigits, CancellationToken ct = default)
    {
        var command = new AgiCommand("GET DATA", file, Int(timeoutMs), Int(maxDigits));
        var wait = timeoutMs <= 0 ? TimeSpan.FromSeconds(6 * (maxDigits + 1)) : Ms((long)timeoutMs * (maxDigits + 1));
        var response = await SendAsync(command, false, wait, ct).ConfigureAwait(false);
        if (response.Data == "hangup")
        {
            throw HungUpBy("hung up during GET DATA");
        }

        if (response.ResultText == "-1")
        {
            // Asterisk's answer both to a missing prompt and to a caller who hung up during GET DATA.
            if (await IsPromptMissingAsync(ct).ConfigureAwait(false))
            {
                return new GetDataResult(string.Empty, false, true);
            }

            throw HungUpBy("hung up during GET DATA");
        }

        if (!AreKeys(response.ResultText))
        {
            // Asterisk returns the keys pressed and nothing else; a CR, a sign or letters come from a broken or hostile peer,
            // and a script would act on them (say them back, store them). The connection cannot be trusted any more.
            if (ProtocolErrorLog.TryLog(out var suppressed))
            {
                FastAgiLog.ProtocolError(_logger, null, "GET DATA result is not keys (0-9, *, #, A-D).", suppressed);
            }

            Abort("protocol error");
            throw Hung();
        }

        return new GetDataResult(response.ResultText, response.Data == "timeout", false);
    }

    private static bool AreKeys(string digits)
    {
        foreach (var c in digits)
        {
            if (!(char.IsAsciiDigit(c) || c is '*' or '#' or (>= 'A' and <= 'D')))
            {
                return false;
            }
        }

        return true;
    }

    public async Task<char?> WaitForDigitAsync(int timeoutMs, CancellationToken ct = default)
    {
        var response = await SendAsync(new AgiCommand("WAIT FOR DIGIT", Int(timeoutMs)), false, Ms(timeoutMs), ct).ConfigureAwait(false);
        return DigitOrHangup(response, "WAIT FOR DIGIT");
    }

    public async Task<char?> SayDigitsAsync(string digits, string escapeDigits = "", CancellationToken ct = default)
    {
        var response = await SendAsync(new AgiCommand("SAY DIGITS", digits, AgiArgument.Quoted(escapeDigits)), false, TimeSpan.Zero, ct).ConfigureAwait(false);
        return DigitOrHangup(response, "SAY DIGITS");
    }

    public async Task<char?> SayNumberAsync(long number, string escapeDigits = "", string? gender = null, CancellationToken ct = default)
    {
        var command = gender is null
            ? new AgiCommand("SAY NUMBER", Int(number), AgiArgument.Quoted(escapeDigits))
            : new AgiCommand("SAY NUMBER", Int(number), AgiArgument.Quoted(escapeDigits), gender);
        var response = await SendAsync(command, false, TimeSpan.Zero, ct).ConfigureAwait(false);
        return DigitOrHangup(response, "SAY NUMBER");
    }

    /// <summary>
    /// After an ambiguous <c>-1</c> (a missing prompt, or a caller who hung up: Asterisk answers both alike): true
    /// when the prompt is really missing. A hang-up is followed by the <c>HANGUP</c> line about 40 ms later (transcript
    /// 30), so that is waited for first and nothing more is sent to a dead channel. Only when it does not come (a live
    /// channel, or <c>AGISIGHUP=no</c>, transcript 31) does CHANNEL STATUS decide: a dead channel answers 511.
    /// </summary>
    private async Task<bool> IsPromptMissingAsync(CancellationToken ct)
    {
        if (!IsHungUp)
        {
            try
            {
                await Task.Delay(HangupLineWait, HungUp).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (IsHungUp)
            {
                // The HANGUP line came.
            }
        }

        if (IsHungUp)
        {
            return false;
        }

        try
        {
            await SendAsync(new AgiCommand("CHANNEL STATUS"), false, TimeSpan.Zero, ct).ConfigureAwait(false);
            return true;
        }
        catch (CallHungUpException)
        {
            return false; // 511: the caller is gone
        }
    }

    private char? DigitOrHangup(in AgiResponse response, string command)
    {
        var result = response.Result;
        if (result < 0)
        {
            throw HungUpBy("hung up during " + command);
        }

        return result == 0 ? null : (char)result;
    }

    public async Task<RecordFileResult> RecordFileAsync(RecordFileRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var arguments = new List<AgiArgument>(7)
        {
            request.Path, request.Format, AgiArgument.Quoted(request.EscapeDigits), Int(request.MaxMs),
        };

        // Positional: the 7th token is the offset, so it is written whenever anything follows it.
        if (request.Offset is not null || request.Beep || request.SilenceSeconds is not null)
        {
            arguments.Add(Int(request.Offset ?? 0));
        }

        if (request.Beep)
        {
            arguments.Add("BEEP");
        }

        if (request.SilenceSeconds is { } silence)
        {
            arguments.Add("s=" + Int(silence));
        }

        var response = await SendAsync(new AgiCommand("RECORD FILE", [.. arguments]), false, Ms(request.MaxMs), ct).ConfigureAwait(false);
        var endpos = response.EndPosition ?? 0;
        switch (response.Data)
        {
            case "dtmf":
                return new RecordFileResult(RecordEndReason.Dtmf, response.Result > 0 ? (char)response.Result : null, endpos);
            case "timeout":
                // Asterisk's result is what its last wait for a frame returned: the time left when a frame came, 0 when none did.
                return new RecordFileResult(response.Result == 0 ? RecordEndReason.TimeLimit : RecordEndReason.Timeout, null, endpos);
            case "writefile":
                return new RecordFileResult(RecordEndReason.WriteFile, null, endpos);
            case "hangup":
                MarkHungUp("hung up during RECORD FILE");
                return new RecordFileResult(RecordEndReason.Hangup, null, endpos);
            default:
                if (response.Result < 0)
                {
                    MarkHungUp("hung up during RECORD FILE");
                    return new RecordFileResult(RecordEndReason.Hangup, null, endpos);
                }

                return new RecordFileResult(RecordEndReason.Timeout, null, endpos);
        }
    }

    public Task SetVariableAsync(string name, string value, CancellationToken ct = default) =>
        SendAsync(new AgiCommand("SET VARIABLE", name, value), true, TimeSpan.Zero, ct).AsTask();

    public async Task<string?> GetVariableAsync(string name, CancellationToken ct = default)
    {
        var response = await SendAsync(new AgiCommand("GET VARIABLE", name), true, TimeSpan.Zero, ct).ConfigureAwait(false);
        return response.Result == 1 ? response.Data ?? string.Empty : null;
    }

    public async Task<string?> GetFullVariableAsync(string expression, CancellationToken ct = default)
    {
        var response = await SendAsync(new AgiCommand("GET FULL VARIABLE", expression), true, TimeSpan.Zero, ct).ConfigureAwait(false);
        return response.Result == 1 ? response.Data ?? string.Empty : null;
    }

    public async Task<int> ExecAsync(string application, string arguments, CancellationToken ct = default)
    {
        var command = string.IsNullOrEmpty(arguments)
            ? new AgiCommand("EXEC", application)
            : new AgiCommand("EXEC", application, arguments);

        // An application can run for as long as it likes (Wait, Playback); the call time limit still applies.
        var response = await SendAsync(command, true, Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
        return (int)response.Result;
    }

    public Task VerboseAsync(string message, int level = 1, CancellationToken ct = default) =>
        SendAsync(new AgiCommand("VERBOSE", AgiArgument.Quoted(message), Int(level)), true, TimeSpan.Zero, ct).AsTask();

    public async Task<int> ChannelStatusAsync(CancellationToken ct = default)
    {
        var response = await SendAsync(new AgiCommand("CHANNEL STATUS"), false, TimeSpan.Zero, ct).ConfigureAwait(false);
        return (int)response.Result;
    }

    public Task SetMusicAsync(bool on, string? musicClass = null, CancellationToken ct = default)
    {
        var command = on && musicClass is not null
            ? new AgiCommand("SET MUSIC", "on", musicClass)
            : new AgiCommand("SET MUSIC", on ? "on" : "off");
        return SendAsync(command, false, TimeSpan.Zero, ct).AsTask();
    }

    public Task NoopAsync(CancellationToken ct = default) => SendAsync(new AgiCommand("NOOP"), true, TimeSpan.Zero, ct).AsTask();

    public Task<AgiResponse> SendRawAsync(AgiCommand command, CancellationToken ct = default) =>
        SendAsync(command, IsAllowedWhenDead(command.Name), TimeSpan.Zero, ct).AsTask();
}
