namespace IvrReadings.Domain;

/// <summary>One rule's finding with what the caller can be told about it; only the parameters of its reason are set.</summary>
public sealed record Finding(
    Reason Reason,
    long? Previous = null,
    int? Digits = null,
    int? MaxDigits = null,
    DateOnly? WindowOpens = null,
    DateOnly? WindowCloses = null,
    DateOnly? VerificationDue = null,
    long? AverageConsumption = null);
