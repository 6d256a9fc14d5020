namespace IvrReadings.Domain;

/// <summary>A personal account (лицевой счёт): one flat or house with its meters.</summary>
public sealed record Account(string Number, string Address, string Holder, IReadOnlyList<Meter> Meters)
{
    // Value equality that looks inside Meters (a record would compare the list reference).
    public bool Equals(Account? other) =>
        other is not null && Number == other.Number && Address == other.Address && Holder == other.Holder && Meters.SequenceEqual(other.Meters);

    public override int GetHashCode() => HashCode.Combine(Number, Address, Holder);
}
