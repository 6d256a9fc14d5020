using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace IvrReadings.Testing;

/// <summary>Marks the test classes of the contract suite that need the test PostgreSQL.</summary>
public interface INeedsPostgres;

/// <summary>
/// A contract test. In a class that needs PostgreSQL while none is configured, it is skipped with the reason locally,
/// and runs (and fails with a clear message) under <c>CI=true</c>: CI must never pass by silently skipping a provider.
/// </summary>
[XunitTestCaseDiscoverer("IvrReadings.Testing.StoreFactDiscoverer", "IvrReadings.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var type = (testMethod.TestClass.Class as IReflectionTypeInfo)?.Type;
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        if (type is not null && typeof(INeedsPostgres).IsAssignableFrom(type) && PostgresTarget.ConnectionString is null && !PostgresTarget.IsCi)
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, "No test PostgreSQL: " + PostgresTarget.HowTo)];
        return [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
