using System.Net;
using ApiMlCluster.Core.Http;

namespace ApiMlCluster.Core.Tests.Http;

public sealed class SourceAddressTests
{
    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void Of_GroupsIPv6ByItsSlash64AndUnmapsIPv4(string address, string source)
    {
        Assert.Equal(source, SourceAddress.Of(IPAddress.Parse(address)));
    }

    [Fact]
    public void Of_TwoAddressesOfOneSlash64_ShareABucket()
    {
        Assert.Equal(SourceAddress.Of(IPAddress.Parse("2001:db8::1")), SourceAddress.Of(IPAddress.Parse("2001:db8::ffff:1")));
        Assert.NotEqual(SourceAddress.Of(IPAddress.Parse("2001:db8:0:1::1")), SourceAddress.Of(IPAddress.Parse("2001:db8:0:2::1")));
    }
}
