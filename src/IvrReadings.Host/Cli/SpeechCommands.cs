using System.CommandLine;
using IvrReadings.Speech;
using IvrReadings.Speech.Evaluation;
using IvrReadings.Speech.Recognition;

namespace IvrReadings.Host.Cli;

/// <summary><c>speech eval DIR [--transcripts]</c>: recognition figures over a labelled folder of WAV files.</summary>
public static class SpeechCommands
{
    public static Command Create(IReadOnlyList<string> settings)
    {
        var folder = CliOptions.Value("DIR", "the folder holding labels.csv and the WAV files");
        var transcripts = CliOptions.Flag("--transcripts", "score the parser and the decision rules on the Vosk JSON beside each WAV (no model needed)");
        var eval = new Command("eval", "measure recognition over DIR/labels.csv (exit 4 when a target is missed)") { folder, transcripts };
        eval.SetAction(result => EvalAsync(settings, result.GetRequiredValue(folder), result.GetValue(transcripts)));
        return new Command("speech", "the voice line's recognition") { eval };
    }

    private static async Task<int> EvalAsync(IReadOnlyList<string> settings, string dir, bool transcripts)
    {
        if (!Directory.Exists(dir))
        {
            throw new CommandLineException($"No such folder: {dir}");
        }

        using var cts = BillingCommands.ConsoleCancel();
        await using var host = await ToolHost.StartAsync(settings, cts.Token);
        // --transcripts reads the Vosk JSON beside each WAV: it scores the parser and the decision rules without a
        // model; the real figures need the Vosk model (make model).
        ISpeechRecognizer recognizer = transcripts ? new TranscriptRecognizer() : host.Get<ISpeechRecognizer>();
        var report = await SpeechEvaluator.RunAsync(dir, recognizer, cancellationToken: cts.Token);
        Console.WriteLine(report.ToText());
        return report.Passed ? 0 : 4;
    }
}
