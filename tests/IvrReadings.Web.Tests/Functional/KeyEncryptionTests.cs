using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IvrReadings.Storage;
using IvrReadings.Web.Tests.Support;

namespace IvrReadings.Web.Tests.Functional;

/// <summary>
/// Console:KeyCertificatePath: the keys that sign staff cookies are stored encrypted, so a copy of the database does not
/// let anyone forge a sign-in; another server with the same certificate still accepts the sign-in; a certificate the
/// server cannot use stops the start with a message naming the setting.
/// </summary>
public sealed class KeyEncryptionTests : IDisposable
{
    private const string Password = "pfx password 7";
    private readonly string _directory = Directory.CreateTempSubdirectory("ivr-keycert-").FullName;

    private string CertificateFile(bool withPrivateKey = true)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=IvrReadings console keys (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_directory, withPrivateKey ? "keys.pfx" : "public-only.pfx");
        var bytes = withPrivateKey
            ? certificate.Export(X509ContentType.Pfx, Password)
            : X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert)).Export(X509ContentType.Pfx, Password);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static Dictionary<string, string?> With(string certificate, string? connectionString = null)
    {
        var settings = new Dictionary<string, string?> { ["Console:KeyCertificatePath"] = certificate, ["Console:KeyCertificatePassword"] = Password };
        if (connectionString is not null)
        {
            settings["Database:ConnectionString"] = connectionString;
        }

        return settings;
    }

    [Fact]
    public async Task Keys_are_stored_encrypted_and_a_second_server_with_the_certificate_accepts_the_sign_in()
    {
        var certificate = CertificateFile();
        await using var first = await ConsoleApp.StartAsync(With(certificate));
        await Seed.CreateAsync(first);
        using var staff = await StaffClient.SignedInAsync(first.Address, Seed.OperatorLogin);

        var keys = await first.Get<IDataProtectionKeyStore>().AllAsync(CancellationToken.None);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal); // the key material itself, in the clear without a certificate
        });

        var connectionString = first.App.Configuration["Database:ConnectionString"];
        await using var second = await ConsoleApp.StartAsync(With(certificate, connectionString));
        using var elsewhere = new StaffClient(second.Address);
        elsewhere.Cookies.Add(staff.Cookies.GetAllCookies());
        using var page = await elsewhere.Http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // signed in there too, not sent to /login
    }

    [Fact]
    public async Task A_certificate_the_server_cannot_use_stops_the_start_with_a_message_naming_the_setting()
    {
        var wrongPassword = With(CertificateFile());
        wrongPassword["Console:KeyCertificatePassword"] = "not it";
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ConsoleApp.StartAsync(wrongPassword));
        Assert.Contains("Console:KeyCertificatePath", error.Message, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => ConsoleApp.StartAsync(With(Path.Combine(_directory, "absent.pfx"))));
        Assert.Contains("absent.pfx", missing.Message, StringComparison.Ordinal);

        var publicOnly = await Assert.ThrowsAsync<InvalidOperationException>(() => ConsoleApp.StartAsync(With(CertificateFile(withPrivateKey: false))));
        Assert.Contains("no RSA private key", publicOnly.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
