using System.Net;
using System.Security.Cryptography;
using System.Text;
using IvrReadings.Host.Tests.Support;
using IvrReadings.Web.Html;

namespace IvrReadings.Host.Tests.Hosting;

/// <summary>What a started server holds before anyone uses the staff console (docs/benchmarks.md "Memory of 10,000 held
/// calls"): the calls do not need the crypto libraries, the console loads them with its first page.</summary>
public sealed class FootprintTests
{
    [Fact]
    public async Task Serve_maps_the_crypto_libraries_only_once_the_console_is_used()
    {
        using var cli = new CliProcess();
        var http = CliProcess.FreePort();
        using var server = cli.Start(["serve", $"--Console:Urls=http://127.0.0.1:{http}", $"--FastAgi:Listen=127.0.0.1:{CliProcess.FreePort()}"]);
        try
        {
            // /health as a load balancer polls it: its answer carries the security headers too.
            var (status, _) = await ServeTests.WaitForHealthAsync(http);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain("libcrypto", await File.ReadAllTextAsync($"/proc/{server.Id}/maps"), StringComparison.Ordinal);

            using var client = new HttpClient();
            using var login = await client.GetAsync(new Uri($"http://127.0.0.1:{http}/login"));
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            // The anti-forgery cookie keeps its name; the page's token needed the crypto libraries, now mapped.
            Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ivr_af=", StringComparison.Ordinal));
            Assert.Contains("libcrypto", await File.ReadAllTextAsync($"/proc/{server.Id}/maps"), StringComparison.Ordinal);
        }
        finally
        {
            await ServeTests.StopAsync(server);
        }
    }

    [Fact]
    public void The_written_out_stylesheet_hash_is_the_stylesheets()
    {
        var actual = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(ConsoleStyles.Css))) + "'";

        Assert.True(actual == ConsoleStyles.CspHash, $"ConsoleStyles.CspHash must be {actual}: browsers refuse the console's styles otherwise");
    }
}
