namespace IvrReadings.Asterisk.Tests.Support;

/// <summary>
/// One line per test class (xunit class fixture): classes run in parallel, each on its own Asterisk, server and
/// database, so their calls overlap in time and never see each other's readings.
/// </summary>
public abstract class LineFixture : IAsyncLifetime
{
    private AsteriskLine? _line;

    public AsteriskLine Line => _line ?? throw new InvalidOperationException(AsteriskPack.SkipReason ?? "The line did not start.");

    protected abstract LineOptions Options { get; }

    public async Task InitializeAsync()
    {
        // Where the pack is absent outside CI the tests are skipped: start nothing. Under CI this throws (pack required).
        if (AsteriskPack.SkipReason is null)
        {
            _line = await AsteriskLine.StartAsync(Options);
        }
    }

    public async Task DisposeAsync()
    {
        if (_line is not null)
        {
            await _line.DisposeAsync();
        }
    }
}

/// <summary>A Russian line with one server (the shipped default language).</summary>
public sealed class RuLine : LineFixture
{
    protected override LineOptions Options => new("ru");
}

public sealed class UkLine : LineFixture
{
    protected override LineOptions Options => new("uk");
}

public sealed class EnLine : LineFixture
{
    protected override LineOptions Options => new("en");
}
