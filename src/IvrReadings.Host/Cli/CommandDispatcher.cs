using Serilog;

namespace IvrReadings.Host.Cli;

/// <summary>Maps the first command words to a command and turns failures into exit codes and clear messages.</summary>
public static class CommandDispatcher
{
    public const string Usage = """
        ivr-readings: meter readings by phone (FastAGI server, voice line, staff console)

        Usage: ivr-readings <command> [options] [--Section:Key=value ...]

        Commands:
          serve [--bench]                     run the FastAGI server and the staff console
                                              (--bench: also the load-test scripts)
          phone [--server H:P] [--lang ru|uk|en] [--caller N] [--script readings|voice]
                [--keys "2 1234567# 1 ..."] [--realtime] [--sounds DIR]
                                              call the running server as Asterisk would
          loadtest [--server H:P] [--calls N] [--concurrency N] [--ramp S] [--hold M] [--realtime]
                                              play Asterisk against a 'serve --bench' and report figures
          accounts import FILE.csv            import or update accounts and meters from billing
          readings export --period YYYY-MM [--out FILE]
                                              export the period's counting readings to billing
          readings autofill --period YYYY-MM  apply auto-fill for a closed period
          demo-data                           load the demo accounts into an empty database
          staff add LOGIN --role operator|supervisor
                                              create a console user (asks for the password)
          speech eval DIR [--transcripts]     measure recognition over DIR/labels.csv
          help                                this text

        Every setting can be given as --Section:Key=value, as an environment variable
        Section__Key=value, or in appsettings.json. See README.md.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        CommandLine line;
        try
        {
            line = CommandLine.Parse(args, Commands.Flags);
        }
        catch (CommandLineException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        var words = line.Words;
        if (words.Count == 0 || words[0] is "help" or "-h")
        {
            Console.WriteLine(Usage);
            return words.Count == 0 ? 2 : 0;
        }

        try
        {
            return await Commands.RunAsync(line);
        }
        catch (CommandLineException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync("Run 'ivr-readings help' for usage.");
            return 2;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.Fatal(e, "ivr-readings {Command} failed", string.Join(' ', words));
            await Console.Error.WriteLineAsync($"ivr-readings: {e.Message}");
            return 1;
        }
    }
}
