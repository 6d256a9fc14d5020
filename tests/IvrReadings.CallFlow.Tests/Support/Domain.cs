using IvrReadings.Domain;

namespace IvrReadings.CallFlow.Tests;

/// <summary>Domain test data: the standard flat and an organisation whose window is always open.</summary>
internal static class Domain
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly LastMonth = new(2026, 10, 20);

    public static Account StandardAccount { get; } = new("1234567", "ул. Ленина, 1, кв. 2", "Иванов И. И.",
    [
        new Meter(1, "1234567", "EL-100", MeterKind.Electricity, 2, 6, "", [new(Zone.Day, 6000, LastMonth), new(Zone.Night, 2000, LastMonth)], null, null),
        new Meter(2, "1234567", "CW-200", MeterKind.ColdWater, 1, 5, "кухня", [new(Zone.Total, 100, LastMonth)], null, null),
        new Meter(3, "1234567", "CW-300", MeterKind.ColdWater, 1, 5, "ванная", [new(Zone.Total, 50, LastMonth)], null, null),
    ]);

    public static Organisation Organisation(int from = 1, int to = 31, PromptLanguage language = PromptLanguage.Ru) =>
        new("Водоканал", new SubmissionWindow(from, to, "UTC"), language, 5, 12);
}

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
