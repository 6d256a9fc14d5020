using IvrReadings.CallFlow.Flow;

namespace IvrReadings.CallFlow.Tests;

/// <summary>Test data: the standard flat (two-zone electricity, two cold-water meters).</summary>
internal static class Some
{
    public static FlowAccount Account { get; } = new(
        "1234567",
        [
            new FlowMeter("el-1", FlowMeterKind.Electricity, null, 6,
                [new FlowRegister(FlowZone.Day, 6000, 1000), new FlowRegister(FlowZone.Night, 2000, 1000)]),
            new FlowMeter("cw-kitchen", FlowMeterKind.ColdWater, "Кухня", 5, [new FlowRegister(FlowZone.Single, 100, 30)]),
            new FlowMeter("cw-bath", FlowMeterKind.ColdWater, "Ванная", 5, [new FlowRegister(FlowZone.Single, 50, 30)]),
        ]);

    /// <summary>The standard call: electricity day and night, then both cold-water meters (the last one offered without a
    /// menu), all confirmed; the summary follows the last confirmation.</summary>
    public const string StandardCall = "2 1234567# 1 1 6116# 2100# 1 1 110# 1 60# 1";

    public static FlowSettings Settings(string lang = "ru", string? callerId = null) => new()
    {
        Language = lang,
        CallerId = callerId,
    };
}
