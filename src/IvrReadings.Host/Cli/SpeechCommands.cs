using IvrReadings.Speech;
using IvrReadings.Speech.Evaluation;
using IvrReadings.Speech.Recognition;

namespace IvrReadings.Host.Cli;

/// <summary><c>speech eval DIR [--transcripts]</c>: recognition figures over a labelled folder of WAV files.</summary>
public static class SpeechCommands
{
    public static async Task<int> EvalAsync(CommandLine line)
    {
        var dir = line.Positional(2, "the folder holding labels.csv and the WAV files");
        if (!Directory.Exists(dir))
        {
            throw new CommandLineException($"No such folder: {dir}");
        }

        using var cts = BillingCommands.ConsoleCancel();
        await using var host = await ToolHost.StartAsync(line, cts.Token);
        // --transcripts reads the Vosk JSON beside each WAV: it scores the parser and the decision rules without a
        // model; the real figures need the Vosk model (make model).
        ISpeechRecognizer recognizer = line.Has("transcripts") ? new TranscriptRecognizer() : host.Get<ISpeechRecognizer>();
        var report = await SpeechEvaluator.RunAsync(dir, recognizer, cancellationToken: cts.Token);
        Console.WriteLine(report.ToText());
        return report.Passed ? 0 : 4;
    }
}
