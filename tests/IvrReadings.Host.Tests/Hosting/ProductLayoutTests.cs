using System.Reflection;

namespace IvrReadings.Host.Tests.Hosting;

/// <summary>Test tools (the fake Asterisk, the phone simulator, the load-test scripts, fakes) stay out of the libraries
/// the server runs on; the host offers the tools only by name (<c>phone</c>, <c>loadtest</c>, <c>serve --bench</c>).</summary>
public sealed class ProductLayoutTests
{
    public static TheoryData<string> ProductLibraries =>
    [
        "IvrReadings.FastAgi", "IvrReadings.Domain", "IvrReadings.Storage", "IvrReadings.Speech", "IvrReadings.CallFlow",
        "IvrReadings.Web",
    ];

    [Theory]
    [MemberData(nameof(ProductLibraries))]
    public void Product_libraries_do_not_reference_the_test_tools(string library)
    {
        var assembly = Assembly.Load(library);

        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => a.Name == "IvrReadings.AsteriskSim");
        Assert.DoesNotContain(assembly.GetTypes(), t => t.Name.StartsWith("Fake", StringComparison.Ordinal)
            || t.Name.StartsWith("Bench", StringComparison.Ordinal) || t.Name is "PhoneSimulator" or "CallTimeCalculator");
    }
}
