using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IvrReadings.Domain;
using IvrReadings.Storage;
using IvrReadings.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Asterisk.Tests.Support;

/// <summary>
/// The product's real <c>ivr-readings serve</c> (<see cref="ShippedProduct"/>) on free loopback ports, with its own SQLite
/// file (demo data loaded) and recordings directory; the submission window is the whole month so any day works.
/// </summary>
public sealed class ProductServer : IAsyncDisposable
{
    private static readonly (string Program, IReadOnlyList<string> Prefix) Product = ShippedProduct.Command;
    private readonly string[] _settings;
    private readonly StreamWriter _log;
    private Process? _process;
    private ServiceProvider? _stores;

    private ProductServer(string name, string directory, string[] settings)
    {
        Name = name;
        Directory = directory;
        _settings = settings;
        System.IO.Directory.CreateDirectory(RecordingsDirectory);
        _log = new StreamWriter(new FileStream(LogFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public string Name { get; }

    public string Directory { get; }

    public int AgiPort { get; private set; }

    public int ConsolePort { get; private set; }

    public string AgiUrl => $"agi://127.0.0.1:{AgiPort}";

    public string RecordingsDirectory => Path.Combine(Directory, "rec");

    public string LogFile => Path.Combine(Directory, "server.log");

    public string ConnectionString => $"Data Source={Path.Combine(Directory, "ivr.db")}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The organisation the server runs with (the tests read with the same rules).</summary>
    public static OrganisationOptions Organisation => new() { WindowFirstDay = 1, WindowLastDay = 31 };

    /// <summary>Loads the demo data and starts the server; <paramref name="settings"/> are extra <c>--Section:Key=value</c> arguments.</summary>
    public static async Task<ProductServer> StartAsync(string name, string directory, params string[] settings)
    {
        var server = new ProductServer(name, directory, settings);
        await Processes.RunCheckedAsync(Product.Program, [.. Product.Prefix, "demo-data", $"--Database:ConnectionString={server.ConnectionString}"],
            workingDirectory: directory, timeout: TimeSpan.FromMinutes(2));
        await server.StartAsync();
        await server.WarmUpAsync();
        return server;
    }

    /// <summary>
    /// One call through the product's own phone simulator (account 2345678, not the tests' 1234567), so the calls on
    /// Asterisk meet a server that has run its call path once, as a server in service has: a freshly started process
    /// on a busy test machine otherwise takes seconds over its first lookup and store.
    /// </summary>
    private async Task WarmUpAsync() =>
        await Processes.RunCheckedAsync(Product.Program, [.. Product.Prefix, "phone", "--server", $"127.0.0.1:{AgiPort}", "--caller", "70000000001", "--keys", "2 2345678# 1 1 15300# 1 2"],
            workingDirectory: Directory, timeout: TimeSpan.FromMinutes(2));

    /// <summary>Starts (again) on the same ports once they were chosen; a port taken in the meantime picks new ones.</summary>
    public async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            if (AgiPort == 0 || attempt > 1)
            {
                (AgiPort, ConsolePort) = (FreePort(), FreePort());
            }

            var started = Processes.Start(Product.Program,
            [
                .. Product.Prefix, "serve", $"--FastAgi:Listen=127.0.0.1:{AgiPort}", $"--Console:Urls=http://127.0.0.1:{ConsolePort}",
                $"--Database:ConnectionString={ConnectionString}", $"--Recordings:Directory={RecordingsDirectory}",
                $"--Organisation:WindowFirstDay={Organisation.WindowFirstDay}", $"--Organisation:WindowLastDay={Organisation.WindowLastDay}",
                .. _settings,
            ], new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" }, Directory);
            _process = started;
            _ = DrainAsync(started.StandardOutput, _log);
            _ = DrainAsync(started.StandardError, _log);
            if (await WaitHealthyAsync(started))
            {
                return;
            }

            await Processes.TerminateAsync(started, TimeSpan.FromSeconds(5));
            var text = await ReadLogAsync();
            if (attempt >= 3 || !text.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"ivr-readings serve ({Name}) did not become healthy; its log:\n{Tail(text, 30)}");
            }
        }
    }

    /// <summary>Stops the server (SIGTERM, graceful); Asterisk's next connection to it is refused.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            await Processes.TerminateAsync(process, TimeSpan.FromSeconds(30));
            process.Dispose();
            _process = null;
        }
    }

    public async Task<string> ReadLogAsync()
    {
        await using var stream = new FileStream(LogFile, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    /// <summary>
    /// What the server logged from <paramref name="from"/> (a length of <see cref="ReadLogAsync"/> taken before a call) once
    /// a line containing <paramref name="expected"/> has arrived, or after 30 s whatever it holds.
    /// </summary>
    public Task<string> LogSinceAsync(int from, string expected) =>
        LogSinceAsync(from, text => text.Contains(expected, StringComparison.Ordinal));

    /// <summary>
    /// What the server logged from <paramref name="from"/> once it is <paramref name="complete"/>, or after 30 s whatever it
    /// holds. The log reaches the file a moment after the server writes it (its console log is buffered, then piped
    /// here), so it can lag the call's end and its record in the database.
    /// </summary>
    public async Task<string> LogSinceAsync(int from, Func<string, bool> complete)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var text = await ReadLogAsync();
            var since = text.Length > from ? text[from..] : "";
            if (complete(since) || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                return since;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The product's stores on the server's database (read what the calls left, as the console would).</summary>
    public T Store<T>()
        where T : notnull
    {
        _stores ??= new ServiceCollection()
            .AddIvrStorage(new DatabaseOptions { ConnectionString = ConnectionString, MigrateOnStart = false, AutoFill = false }, Organisation.ToOrganisation())
            .BuildServiceProvider();
        return _stores.GetRequiredService<T>();
    }

    /// <summary>The readings stored for an account (all meters, oldest first).</summary>
    public Task<IReadOnlyList<Reading>> ReadingsAsync(string account) => Store<IReadingStore>().AccountHistoryAsync(account, CancellationToken.None);

    /// <summary>The calls from a caller number, newest first.</summary>
    public async Task<IReadOnlyList<CallRecord>> CallsFromAsync(string callerNumber) =>
        (await Store<ICallLog>().ListAsync(new CallFilter(CallerNumber: callerNumber), CancellationToken.None)).Calls;

    /// <summary>
    /// The one call from a caller number once the server has written its end (the call log is written off the caller's
    /// path, a moment after the hangup); fails when there is none or more than one after 30 s.
    /// </summary>
    public async Task<CallRecord> EndedCallFromAsync(string callerNumber)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var calls = await CallsFromAsync(callerNumber);
            if (calls is [{ Outcome: not null } ended])
            {
                return ended;
            }

            if (calls.Count > 1 || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"{Name}: {calls.Count} calls from {callerNumber}, outcome {(calls.Count > 0 ? calls[0].Outcome?.ToString() : null) ?? "none"}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_stores is not null)
        {
            await _stores.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    /// <summary>
    /// Polls <c>/health</c> until it answers 200, for up to 3 minutes. Each request may take 30 s: on a machine running
    /// the whole suite the first checks of a fresh process take seconds, and a client that gave up after 5 s (as this
    /// one did) cancelled every check before it could answer, so a server that was merely slow "did not become healthy"
    /// (clean-clone CI, two of the suite's fixtures in one loaded run). The last answer goes into the server's log file.
    /// </summary>
    private async Task<bool> WaitHealthyAsync(Process process)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        var last = "no answer";
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process.HasExited)
            {
                return false;
            }

            try
            {
                using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{ConsolePort}/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException)
            {
                last = "no answer within 30 s";
            }

            await Task.Delay(200);
        }

        lock (_log)
        {
            _log.WriteLine($"(test) /health after {clock.Elapsed.TotalSeconds:0} s: {last}");
        }

        return false;
    }

    private static async Task DrainAsync(StreamReader from, StreamWriter to)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            lock (to)
            {
                try
                {
                    to.WriteLine(line);
                }
                catch (ObjectDisposedException)
                {
                    return; // the test is over; the server's last words go nowhere
                }
            }
        }
    }

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
