using IvrReadings.Host.Hosting;
using IvrReadings.Host.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace IvrReadings.Host.Tests.Hosting;

/// <summary>Settings are checked before anything starts: every problem is one line naming the setting, the value and
/// what it must be; nothing runs (exit 2); the shipped settings and the defaults pass.</summary>
public sealed class SettingsCheckTests
{
    [Fact]
    public async Task Serve_with_wrong_settings_names_each_one_and_starts_nothing()
    {
        using var cli = new CliProcess();
        var agi = CliProcess.FreePort();
        var result = await cli.RunAsync(null, "serve", $"--FastAgi:Listen=127.0.0.1:{agi}", $"--Console:Urls=http://127.0.0.1:{CliProcess.FreePort()}",
            "--FastAgi:MaxConcurrentCalls=-1", "--Voice:Capture=RecordFlie", "--Organisation:TimeZone=Mars/Base", "--CallFlow:MaxTries=three");

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("ivr-readings: FastAgi:MaxConcurrentCalls must be 1 or more, not -1.", lines);
        Assert.Contains("ivr-readings: Voice:Capture must be AudioSocket or RecordFile, not 'RecordFlie'.", lines);
        Assert.Contains(lines, l => l.StartsWith("ivr-readings: Organisation:TimeZone: 'Mars/Base' is not a time zone", StringComparison.Ordinal));
        Assert.Contains("ivr-readings: CallFlow:MaxTries: 'three' is not a whole number.", lines);
        Assert.Contains(lines, l => l.StartsWith("Nothing was started.", StringComparison.Ordinal));
        Assert.Equal(5, lines.Length); // four problems and the closing line: no stack trace, no log lines
        Assert.Equal(string.Empty, result.Stdout);
        // The process has exited: had it started, it would have created its database before listening.
        Assert.False(File.Exists(cli.DatabaseFile), "the server started");
    }

    [Fact]
    public async Task A_command_that_writes_touches_nothing_when_a_setting_is_wrong()
    {
        using var cli = new CliProcess();
        var result = await cli.RunAsync(null, "demo-data", "--Database:CallerTimeoutSeconds=0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ivr-readings: Database:CallerTimeoutSeconds must be 1 or more, not 0.", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.DatabaseFile), "demo-data ran");
    }

    [Theory]
    [InlineData("FastAgi:Listen", "127.0.0.1", "FastAgi:Listen '127.0.0.1' is not an address:port.")]
    [InlineData("FastAgi:CommandTimeout", "5", "FastAgi:CommandTimeout must be a duration of more than 0 up to 01:00:00 (hh:mm:ss; a plain number is days), not 5.00:00:00.")]
    [InlineData("FastAgi:CallTimeout", "ten minutes", "FastAgi:CallTimeout: 'ten minutes' is not a duration such as 00:00:30 (hh:mm:ss).")]
    [InlineData("FastAgi:AllowedClients:0", "10.0.0.0/33", "FastAgi:AllowedClients: '10.0.0.0/33' is neither an IP address nor a network like 10.0.0.0/24.")]
    [InlineData("CallFlow:InputTimeoutMs", "5000", "CallFlow:InputTimeoutMs must be from 500 to 3000, not 5000.")]
    [InlineData("Voice:SilenceSeconds", "2,5", "Voice:SilenceSeconds: '2,5' is not a number (with a dot: 2.5).")]
    [InlineData("Voice:SilenceLevelDbfs", "40", "Voice:SilenceLevelDbfs must be from -120 to -1, not 40.")]
    [InlineData("Voice:AudioSocketAddress", "asterisk-host", "Voice:AudioSocketAddress must be host:port as Asterisk reaches this server")]
    [InlineData("Speech:DefaultLanguage", "de", "Speech:DefaultLanguage must be ru, uk or en, not 'de'.")]
    [InlineData("Speech:MinConfidence", "75", "Speech:MinConfidence must be from 0 to 1, not 75.")]
    [InlineData("Speech:PreloadModels", "yes", "Speech:PreloadModels: 'yes' is not true or false.")]
    [InlineData("Recordings:Directory", " ", "Recordings:Directory must not be empty.")]
    [InlineData("Organisation:AccountDigitsMax", "20", "Organisation:AccountDigitsMax must be from 5 to 12, not 20.")]
    [InlineData("Organisation:TypicalMonthlyUse:Water", "10", "Organisation:TypicalMonthlyUse:Water: not a meter kind")]
    [InlineData("Database:Provider", "mysql", "Database:Provider must be sqlite, postgres or postgresql, not 'mysql'.")]
    [InlineData("Console:Urls", "https://0.0.0.0:443", "Console:Urls: 'https://0.0.0.0:443' is not an http://host:port address")]
    [InlineData("Console:MaxConnections", "0", "Console:MaxConnections must be 1 or more, not 0.")]
    [InlineData("Console:DefaultLanguage", "fr", "Console:DefaultLanguage must be ru, uk or en (empty: the organisation's language), not 'fr'.")]
    [InlineData("Console:KnownProxies", "proxy.local", "Console:KnownProxies: 'proxy.local' is neither an IP address nor a network")]
    [InlineData("Console:KeyCertificatePath", "no-such-file.pfx", "Console:KeyCertificatePath: cannot read the certificate")]
    [InlineData("Serilog:MinimumLevel:Default", "Verbos", "Serilog:MinimumLevel:Default must be Verbose, Debug, Information, Warning, Error or Fatal, not 'Verbos'.")]
    [InlineData("Serilog:MinimumLevel:Override:Microsoft", "Quiet", "Serilog:MinimumLevel:Override:Microsoft must be Verbose, Debug, Information, Warning, Error or Fatal, not 'Quiet'.")]
    [InlineData("Serilog:WriteTo:0:Name", "Consol", "Serilog: Unable to find a method called Consol")]
    [InlineData("Serilog:Using:0", "Serilog.Sinks.Nowhere", "Serilog: Could not load file or assembly 'Serilog.Sinks.Nowhere")]
    public void Each_section_says_what_is_wrong_with_a_value(string key, string value, string expected)
    {
        var problems = SettingsCheck.Problems(Configuration((key, value)));

        var problem = Assert.Single(problems);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_settings_and_the_defaults_pass()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        Assert.True(File.Exists(shipped), shipped);
        Assert.Empty(SettingsCheck.Problems(new ConfigurationBuilder().AddJsonFile(shipped).Build()));
        Assert.Empty(SettingsCheck.Problems(Configuration()));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_not_only_the_first()
    {
        var problems = SettingsCheck.Problems(Configuration(
            ("FastAgi:Backlog", "0"), ("Voice:MaxTries", "0"), ("Organisation:WindowFirstDay", "26"), ("Console:ClaimMinutes", "-1")));

        Assert.Equal(
        [
            "FastAgi:Backlog must be 1 or more, not 0.",
            "Voice:MaxTries must be 1 or more, not 0.",
            "Organisation:WindowLastDay must not be before WindowFirstDay (the window cannot wrap a month end), not 25 with 26.",
            "Console:ClaimMinutes must be 1 or more, not -1.",
        ], problems);
    }

    [Fact]
    public void Every_value_that_does_not_convert_is_named_not_only_the_first_of_its_section()
    {
        var problems = SettingsCheck.Problems(Configuration(("Voice:MaxTries", "two"), ("Voice:SilenceSeconds", "2s"), ("Voice:NoAnswerSeconds", "5")));

        Assert.Equal(["Voice:SilenceSeconds: '2s' is not a number (with a dot: 2.5).", "Voice:MaxTries: 'two' is not a whole number."], problems);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
