using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IvrReadings.Web.Security;

/// <summary>The certificate that encrypts the data-protection keys in the database (<c>Console:KeyCertificatePath</c>).</summary>
public static class KeyCertificate
{
    /// <summary>
    /// The configured certificate with its private key, or null when none is configured. A file that cannot be read,
    /// a wrong password or a certificate without a private RSA key stops the start with a message naming the setting:
    /// a server that silently wrote unencrypted keys, or could not read the others' keys, would be worse.
    /// </summary>
    public static X509Certificate2? Load(ConsoleOptions console)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (string.IsNullOrWhiteSpace(console.KeyCertificatePath))
        {
            return null;
        }

        var path = Path.GetFullPath(console.KeyCertificatePath);
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, console.KeyCertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException(
                $"Console:KeyCertificatePath: cannot read the certificate in {path} ({ex.GetBaseException().Message}); check the file and Console:KeyCertificatePassword.", ex);
        }

        using var key = certificate.GetRSAPrivateKey();
        if (key is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException(
                $"Console:KeyCertificatePath: the certificate in {path} has no RSA private key; the keys need one to be encrypted and read back.");
        }

        return certificate;
    }
}
