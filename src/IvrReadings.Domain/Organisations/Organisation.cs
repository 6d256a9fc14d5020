namespace IvrReadings.Domain;

/// <summary>The utility taking readings: its window, the robot's language and its account-number format.</summary>
public sealed record Organisation
{
    public const int DefaultJumpFactor = 3;

    public Organisation(string name, SubmissionWindow window, PromptLanguage language, int accountDigitsMin, int accountDigitsMax, int jumpFactor = DefaultJumpFactor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(window);
        if (accountDigitsMin is < 5 or > 12) throw new ArgumentOutOfRangeException(nameof(accountDigitsMin), accountDigitsMin, "Account numbers have 5-12 digits.");
        if (accountDigitsMax is < 5 or > 12 || accountDigitsMax < accountDigitsMin)
            throw new ArgumentOutOfRangeException(nameof(accountDigitsMax), accountDigitsMax, "Account numbers have 5-12 digits, max >= min.");
        if (jumpFactor < 1) throw new ArgumentOutOfRangeException(nameof(jumpFactor), jumpFactor, "Jump factor must be at least 1.");
        Name = name;
        Window = window;
        Language = language;
        AccountDigitsMin = accountDigitsMin;
        AccountDigitsMax = accountDigitsMax;
        JumpFactor = jumpFactor;
    }

    public string Name { get; }
    public SubmissionWindow Window { get; }
    public PromptLanguage Language { get; }
    public int AccountDigitsMin { get; }
    public int AccountDigitsMax { get; }

    /// <summary>Consumption above this many times the recent monthly average makes the robot ask the caller to confirm.</summary>
    public int JumpFactor { get; }
}
