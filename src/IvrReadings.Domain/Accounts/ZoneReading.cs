namespace IvrReadings.Domain;

/// <summary>A value of one zone at a date: the meter's last accepted reading as billing knows it.</summary>
public sealed record ZoneReading(Zone Zone, long Value, DateOnly Date);
