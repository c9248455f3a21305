using ApiMlCluster.Discovery.Ownership;

namespace ApiMlCluster.Discovery.Tests.Ownership;

public sealed class AllowedDomainsTests
{
    private readonly AllowedDomains domains = new(["lpar1.example.com", "*.services.example.com", "localhost"]);

    [Theory]
    [InlineData("lpar1.example.com", true)]
    [InlineData("LPAR1.example.com.", true)]
    [InlineData("lpar2.example.com", false)]
    [InlineData("api.services.example.com", true)]
    [InlineData("services.example.com", false)]
    [InlineData("evilservices.example.com", false)]
    [InlineData("localhost", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("[::1]", true)]
    [InlineData("10.0.0.1", false)]
    public void Allows_Host(string host, bool allowed) => Assert.Equal(allowed, domains.Allows(host));
}
