namespace IvrReadings.Domain;

public enum MeterKind
{
    Electricity,
    Gas,
    ColdWater,
    HotWater,
    Heat,
}
