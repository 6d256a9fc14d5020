using IvrReadings.CallFlow.Flow;
using IvrReadings.CallFlow.Prompts;
using IvrReadings.CallFlow.Timing;
using Xunit.Abstractions;

namespace IvrReadings.CallFlow.Tests.Timing;

/// <summary>
/// A product property, not a timing test: with the committed prompts, the standard call (account, two-zone
/// electricity, two cold-water meters, all confirmed) takes the caller under a minute.
/// </summary>
public sealed class StandardCallTimeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("ru", CallerModel.Regular, 50)]
    [InlineData("uk", CallerModel.Regular, 50)]
    [InlineData("en", CallerModel.Regular, 50)]
    [InlineData("ru", CallerModel.FirstTime, 70)]
    [InlineData("uk", CallerModel.FirstTime, 70)]
    [InlineData("en", CallerModel.FirstTime, 70)]
    public void The_standard_call_stays_within_its_budget(string lang, CallerModel model, int budgetSeconds)
    {
        var calculator = CallTimeCalculator.ForSounds(SoundsDirectory.Path, lang, model);
        var estimate = calculator.Estimate(new FlowSettings { Language = lang }, CallTimeCalculator.StandardAccount, CallTimeCalculator.StandardKeys);
        output.WriteLine($"{lang} {model}: total {estimate.Total.TotalSeconds:0.0} s = listening {estimate.Listening.TotalSeconds:0.0} s + keying {estimate.Keying.TotalSeconds:0.0} s ({estimate.Inputs} inputs, {estimate.Keys} keys)");
        foreach (var step in estimate.Steps)
        {
            output.WriteLine($"  {step.Listening.TotalSeconds,5:0.0} s  {PromptCatalogue.Default.Phrase(step.Prompts, lang)}  -> {step.Keys} ({step.Keying.TotalSeconds:0.0} s)");
        }

        Assert.Equal(CallEnding.Completed, estimate.Outcome);
        Assert.Equal(12, estimate.Inputs);
        Assert.True(estimate.Total < TimeSpan.FromSeconds(budgetSeconds), $"{lang} {model}: {estimate.Total.TotalSeconds:0.0} s");
    }

    [Fact]
    public void Prompt_files_are_8_kHz_16_bit_mono()
    {
        foreach (var lang in CallLanguages.All)
        {
            foreach (var id in PromptCatalogue.Default.Ids)
            {
                var path = SoundsDirectory.Wav(lang, id);
                Assert.True(File.Exists(path), path);
                var header = new byte[44];
                using (var stream = File.OpenRead(path))
                {
                    stream.ReadExactly(header);
                }

                Assert.Equal(1, BitConverter.ToInt16(header, 22));     // channels
                Assert.Equal(8000, BitConverter.ToInt32(header, 24));  // sample rate
                Assert.Equal(16, BitConverter.ToInt16(header, 34));    // bits per sample
            }
        }
    }

    [Fact]
    public void Durations_come_from_the_wav_header()
    {
        var durations = new PromptDurations(SoundsDirectory.Path, "ru");
        Assert.InRange(durations.Of("welcome").TotalSeconds, 1, 10);
        Assert.Equal(TimeSpan.Zero, durations.Of("no-such-prompt"));
    }
}
