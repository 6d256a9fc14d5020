using IvrReadings.Web.Staff;

namespace IvrReadings.Web.Tests.Unit;

public sealed class PasswordHasherTests
{
    [Fact]
    public void A_hash_verifies_its_password_only()
    {
        var hash = PasswordHasher.Hash("correct horse battery");

        Assert.True(PasswordHasher.Verify("correct horse battery", hash));
        Assert.False(PasswordHasher.Verify("correct horse batterY", hash));
        Assert.False(PasswordHasher.Verify(string.Empty, hash));
    }

    [Fact]
    public void Hashes_are_salted_slow_pbkdf2_sha256()
    {
        var first = PasswordHasher.Hash("same password");
        var second = PasswordHasher.Hash("same password");

        Assert.NotEqual(first, second);
        var parts = first.Split('$');
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.True(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) >= 100_000);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("pbkdf2-sha256$x$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not-base64$AAAA")]
    [InlineData("md5$1000$AAAA$AAAA")]
    public void Malformed_stored_hashes_never_verify(string stored) => Assert.False(PasswordHasher.Verify("anything", stored));
}
