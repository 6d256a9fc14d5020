// A class marked INeedsPostgres is skipped with the reason where no test PostgreSQL is configured (never under CI=true).
[assembly: TestFramework(IvrReadings.Testing.ProviderTestFramework.TypeName, IvrReadings.Testing.ProviderTestFramework.AssemblyName)]
