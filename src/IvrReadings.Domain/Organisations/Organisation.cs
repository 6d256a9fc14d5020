namespace IvrReadings.Domain;

/// <summary>The utility taking readings: its window, the robot's language and its account-number format.</summary>
public sealed record Organisation
{
    public const int DefaultJumpFactor = 3;

    /// <summary>
    /// Plausible use of one meter in a month where its own history cannot tell (a single value, e.g. billing's last
    /// reading after an import): kWh, m³ of gas or water, Gcal of heat.
    /// </summary>
    public static IReadOnlyDictionary<MeterKind, long> DefaultTypicalMonthlyUse { get; } = new Dictionary<MeterKind, long>
    {
        [MeterKind.Electricity] = 300,
        [MeterKind.Gas] = 100,
        [MeterKind.ColdWater] = 10,
        [MeterKind.HotWater] = 6,
        [MeterKind.Heat] = 3,
    };

    /// <summary>The shortest and longest account numbers the product takes (keyed, spoken, imported).</summary>
    public const int MinAccountDigits = 5;

    public const int MaxAccountDigits = 12;

    public Organisation(string name, SubmissionWindow window, PromptLanguage language, int accountDigitsMin, int accountDigitsMax, int jumpFactor = DefaultJumpFactor,
        IReadOnlyDictionary<MeterKind, long>? typicalMonthlyUse = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(window);
        if (accountDigitsMin is < MinAccountDigits or > MaxAccountDigits) throw new ArgumentOutOfRangeException(nameof(accountDigitsMin), accountDigitsMin, "Account numbers have 5-12 digits.");
        if (accountDigitsMax is < MinAccountDigits or > MaxAccountDigits || accountDigitsMax < accountDigitsMin)
            throw new ArgumentOutOfRangeException(nameof(accountDigitsMax), accountDigitsMax, "Account numbers have 5-12 digits, max >= min.");
        if (jumpFactor < 1) throw new ArgumentOutOfRangeException(nameof(jumpFactor), jumpFactor, "Jump factor must be at least 1.");
        Name = name;
        Window = window;
        Language = language;
        AccountDigitsMin = accountDigitsMin;
        AccountDigitsMax = accountDigitsMax;
        JumpFactor = jumpFactor;
        var typical = new Dictionary<MeterKind, long>(DefaultTypicalMonthlyUse);
        foreach (var (kind, use) in typicalMonthlyUse ?? new Dictionary<MeterKind, long>())
        {
            if (use <= 0) throw new ArgumentOutOfRangeException(nameof(typicalMonthlyUse), use, $"Typical monthly use of {kind} must be positive.");
            typical[kind] = use;
        }

        TypicalMonthlyUse = typical;
    }

    public string Name { get; }
    public SubmissionWindow Window { get; }
    public PromptLanguage Language { get; }
    public int AccountDigitsMin { get; }
    public int AccountDigitsMax { get; }

    /// <summary>Consumption above this many times the recent monthly average makes the robot ask the caller to confirm.</summary>
    public int JumpFactor { get; }

    /// <summary>Per meter kind: the monthly use the jump rule assumes for a meter whose history has a single value.</summary>
    public IReadOnlyDictionary<MeterKind, long> TypicalMonthlyUse { get; }

    /// <summary>The typical monthly use of one zone of a meter: a multi-zone meter's use is shared among its zones.</summary>
    public double TypicalMonthlyUseOf(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        return (double)TypicalMonthlyUse[meter.Kind] / meter.ZoneCount;
    }

    // Value equality that looks inside the dictionary (a record would compare the reference).
    public bool Equals(Organisation? other) =>
        other is not null && Name == other.Name && Window == other.Window && Language == other.Language && AccountDigitsMin == other.AccountDigitsMin
        && AccountDigitsMax == other.AccountDigitsMax && JumpFactor == other.JumpFactor
        && TypicalMonthlyUse.Count == other.TypicalMonthlyUse.Count && TypicalMonthlyUse.All(p => other.TypicalMonthlyUse.TryGetValue(p.Key, out var v) && v == p.Value);

    public override int GetHashCode() => HashCode.Combine(Name, Window, Language, JumpFactor);
}
