using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace IvrReadings.Testing;

/// <summary>
/// xunit's own framework, except that every test of a class marked <see cref="INeedsPostgres"/> is skipped with the
/// reason while no test PostgreSQL is configured (never under <c>CI=true</c>: there it runs and fails clearly). So a
/// suite written once with plain <c>[Fact]</c>s in an abstract class runs on both providers through two small
/// subclasses, as the store contract does with <see cref="StoreFactAttribute"/>. A test assembly opts in with
/// <c>[assembly: TestFramework(ProviderTestFramework.TypeName, ProviderTestFramework.AssemblyName)]</c>.
/// </summary>
public sealed class ProviderTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    public const string TypeName = "IvrReadings.Testing.ProviderTestFramework";
    public const string AssemblyName = "IvrReadings.Testing";

    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus,
            ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var type = (testMethod.TestClass.Class as IReflectionTypeInfo)?.Type;
            var isTest = testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any();
            if (!isTest || type is null || !typeof(INeedsPostgres).IsAssignableFrom(type) || PostgresTarget.ConnectionString is not null || PostgresTarget.IsCi)
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            var skipped = new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, "No test PostgreSQL: " + PostgresTarget.HowTo);
            return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
        }
    }
}
