namespace IvrReadings.FastAgi;

/// <summary>One reply from Asterisk: <c>200 result=N [(data)] [endpos=N]</c>, or a 510/511/520 error.</summary>
/// <param name="Code">200, 510 (unknown command), 511 (dead channel), 520 (usage).</param>
/// <param name="ResultText">What follows <c>result=</c> up to the first space, verbatim; empty for
/// <c>200 result= (timeout)</c>. GET DATA digits live here (leading zeros and '*' intact).</param>
/// <param name="Data">The text in parentheses (to the LAST ')' of the line), or null when there is none.</param>
/// <param name="EndPosition">The <c>endpos=</c> value (samples at 8 kHz), or null.</param>
/// <param name="Text">For non-200 codes: the message; for 520 the usage text lines joined with '\n'.</param>
public readonly record struct AgiResponse(int Code, string ResultText, string? Data, long? EndPosition, string? Text)
{
    public bool IsSuccess => Code == 200;

    /// <summary><see cref="ResultText"/> as an integer (0 when it is empty or not a number).</summary>
    public long Result => long.TryParse(ResultText, System.Globalization.NumberStyles.AllowLeadingSign,
        System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;

    public override string ToString() => Code == 200
        ? $"200 result={ResultText}{(Data is null ? "" : $" ({Data})")}{(EndPosition is null ? "" : $" endpos={EndPosition}")}"
        : $"{Code} {Text}";
}

/// <summary>What one parsed unit of input was: a command reply, or the unsolicited <c>HANGUP</c> line.</summary>
public readonly record struct AgiMessage(bool IsHangup, AgiResponse Response)
{
    public static AgiMessage Hangup { get; } = new(true, default);
}
