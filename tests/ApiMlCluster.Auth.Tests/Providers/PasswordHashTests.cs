using System.Security.Cryptography;
using ApiMlCluster.Auth.Providers.FileStore;

namespace ApiMlCluster.Auth.Tests.Providers;

public sealed class PasswordHashTests
{
    [Fact]
    public void Encode_NewHash_IsPbkdf2Sha256WithTheCurrentIterationsA16ByteSaltAndA32ByteHash()
    {
        var parts = PasswordHash.Create("correct horse").Encode().Split('$');

        Assert.Equal(("pbkdf2-sha256", "100000", 16, 32), (parts[0], parts[1], Convert.FromBase64String(parts[2]).Length, Convert.FromBase64String(parts[3]).Length));
    }

    [Fact]
    public void Create_SamePasswordTwice_UsesDifferentSalts()
    {
        Assert.NotEqual(PasswordHash.Create("same").Encode(), PasswordHash.Create("same").Encode());
    }

    [Fact]
    public void Verify_RightPassword_IsTrue()
    {
        Assert.True(PasswordHash.Parse(PasswordHash.Create("correct horse").Encode()).Verify("correct horse"));
    }

    [Fact]
    public void Verify_WrongPassword_IsFalse()
    {
        Assert.False(PasswordHash.Create("correct horse").Verify("correct horsE"));
    }

    [Fact]
    public void Verify_HashWithAnotherIterationCount_UsesTheStoredCount()
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2("pw", salt, 1_000, HashAlgorithmName.SHA256, 32);

        var parsed = PasswordHash.Parse($"pbkdf2-sha256$1000${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");

        Assert.True(parsed.Verify("pw"));
    }

    [Theory]
    [InlineData("plaintext")]
    [InlineData("sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$99999999$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$1000$not base64!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$1000$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")]
    public void Parse_NotAStoredHash_ThrowsFormatException(string encoded)
    {
        Assert.Throws<FormatException>(() => PasswordHash.Parse(encoded));
    }
}
