using IvrReadings.Speech.Models;
using IvrReadings.Speech.Recognition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using IvrReadings.Testing;

namespace IvrReadings.Speech.Tests;

public sealed class SpeechServiceCollectionExtensionsTests
{
    [Fact]
    public void Binds_options_and_registers_vosk()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Speech:NativeLibraryDirectory"] = Checkout.NativeDirectory,
            ["Speech:ModelPath"] = "/srv/models/ru",
            ["Speech:ModelPaths:uk"] = "/srv/models/uk",
            ["Speech:MaxAlternatives"] = "7",
        }).Build();

        using var provider = new ServiceCollection().AddLogging().AddSpeech(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SpeechOptions>>().Value;
        Assert.Equal("/srv/models/ru", options.ModelPath);
        Assert.Equal("/srv/models/uk", options.ModelPaths["uk"]);
        Assert.Equal("vosk-model-small-ru-0.22", options.ModelNames["ru"]);
        Assert.Equal(7, options.MaxAlternatives);
        Assert.Equal(Checkout.NativeDirectory, options.NativeLibraryDirectory);
        Assert.IsType<VoskSpeechRecognizer>(provider.GetRequiredService<ISpeechRecognizer>());
        Assert.NotNull(provider.GetRequiredService<SpeechRecognitionService>());
        Assert.NotNull(provider.GetRequiredService<SpeechModelLocator>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s.GetType().Name == "SpeechModelStatusLogger");
    }

    [Fact]
    public async Task Starts_without_a_model()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Speech:NativeLibraryDirectory"] = Checkout.NativeDirectory,
            ["Speech:ModelPath"] = "/nonexistent",
            ["Speech:ModelNames:ru"] = "no-such-model",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddSpeech(configuration).BuildServiceProvider();

        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        Assert.False(provider.GetRequiredService<SpeechModelLocator>().Locate(IvrReadings.Speech.Numbers.SpeechLanguage.Russian).ModelAvailable);
    }

    [Fact]
    public void A_recognizer_registered_before_wins()
    {
        var fake = new FakeSpeechRecognizer();
        using var provider = new ServiceCollection().AddLogging().AddSingleton<ISpeechRecognizer>(fake)
            .AddSpeech(new ConfigurationBuilder().Build()).BuildServiceProvider();

        Assert.Same(fake, provider.GetRequiredService<ISpeechRecognizer>());
    }
}
