namespace IvrReadings.Domain;

/// <summary>A personal account (лицевой счёт): one flat or house with its meters.</summary>
public sealed record Account(string Number, string Address, string Holder, IReadOnlyList<Meter> Meters);
