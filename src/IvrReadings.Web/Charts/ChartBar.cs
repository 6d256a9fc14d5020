namespace IvrReadings.Web.Charts;

public sealed record ChartBar(string Label, double Value);
