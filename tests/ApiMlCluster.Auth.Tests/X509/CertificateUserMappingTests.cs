using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Auth.X509;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.X509;

public sealed class CertificateUserMappingTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void UserOf_SubjectListedByDn_ReturnsItsUser()
    {
        var mapping = Load("""
            mappings:
              - dn: "CN=Alice Smith,  OU=Dev, O=Example"
                user: ALICE
            """);

        Assert.Equal("ALICE", mapping.UserOf(Certificate("CN=Alice Smith, OU=Dev, O=Example")));
    }

    [Fact]
    public void UserOf_CommonNameListed_ReturnsItsUser()
    {
        var mapping = Load("""
            mappings:
              - cn: bob
                user: BOB
            """);

        Assert.Equal("BOB", mapping.UserOf(Certificate("CN=bob, O=Elsewhere")));
    }

    [Fact]
    public void UserOf_DnAndCnBothMatch_DnWins()
    {
        var mapping = Load("""
            mappings:
              - cn: carol
                user: BYCN
              - dn: "CN=carol, O=Example"
                user: BYDN
            """);

        Assert.Equal("BYDN", mapping.UserOf(Certificate("CN=carol, O=Example")));
    }

    [Fact]
    public void UserOf_UnlistedCertificate_IsNull()
    {
        var mapping = Load("mappings:\n  - cn: bob\n    user: BOB\n");

        Assert.Null(mapping.UserOf(Certificate("CN=mallory")));
    }

    [Theory]
    [InlineData("nothing: here\n", "expected a 'mappings' list")]
    [InlineData("mappings:\n  - cn: bob\n", "has no user")]
    [InlineData("mappings:\n  - user: BOB\n", "needs dn or cn")]
    [InlineData("mappings: [\n", "")]
    public void Load_BadFile_NamesTheConfigKey(string yaml, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => Load(yaml));

        Assert.Equal("components.gateway.apiml.security.x509.mappingFile", error.Key);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void Load_MissingFile_NamesTheConfigKey()
    {
        var error = Assert.Throws<ConfigException>(() => CertificateUserMapping.Load(Path.Combine(temp.Root, "absent.yaml")));

        Assert.Equal("components.gateway.apiml.security.x509.mappingFile", error.Key);
    }

    private CertificateUserMapping Load(string yaml) => CertificateUserMapping.Load(temp.WriteFile("mapping.yaml", yaml));

    private static X509Certificate2 Certificate(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
