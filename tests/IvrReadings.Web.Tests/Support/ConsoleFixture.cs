namespace IvrReadings.Web.Tests.Support;

/// <summary>One running console with seeded data, shared by the functional and browser tests (starting one costs a second or two).</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private ConsoleApp? app;
    private Seed? seed;

    public ConsoleApp App => app ?? throw new InvalidOperationException("Not started.");

    public Seed Seed => seed ?? throw new InvalidOperationException("Not seeded.");

    public async Task InitializeAsync()
    {
        app = await ConsoleApp.StartAsync();
        seed = await Seed.CreateAsync(app);
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
