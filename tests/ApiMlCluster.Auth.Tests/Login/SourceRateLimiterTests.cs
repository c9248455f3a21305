using System.Net;
using ApiMlCluster.Auth.Login;

namespace ApiMlCluster.Auth.Tests.Login;

public sealed class SourceRateLimiterTests
{
    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void SourceOf_GroupsIPv6ByItsSlash64AndUnmapsIPv4(string address, string source)
    {
        Assert.Equal(source, SourceRateLimiter.SourceOf(IPAddress.Parse(address)));
    }

    [Fact]
    public void SourceOf_TwoAddressesOfOneSlash64_ShareABucket()
    {
        Assert.Equal(SourceRateLimiter.SourceOf(IPAddress.Parse("2001:db8::1")), SourceRateLimiter.SourceOf(IPAddress.Parse("2001:db8::ffff:1")));
        Assert.NotEqual(SourceRateLimiter.SourceOf(IPAddress.Parse("2001:db8:0:1::1")), SourceRateLimiter.SourceOf(IPAddress.Parse("2001:db8:0:2::1")));
    }
}
