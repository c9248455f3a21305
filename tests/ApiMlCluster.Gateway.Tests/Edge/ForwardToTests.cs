using ApiMlCluster.Gateway.Edge;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Tests.Edge;

public sealed class ForwardToTests
{
    [Theory]
    [InlineData("apiml1", "apiml1", null)]
    [InlineData("APIML1/apiml2/apiml3", "apiml1", "apiml2/apiml3")]
    [InlineData("apiml1/", "apiml1", null)]
    public void TryRead_Steps_FirstIsTheTargetAndTheRestGoesToTheNextHop(string value, string service, string? next)
    {
        var headers = new HeaderDictionary { [ForwardTo.Header] = value };

        Assert.True(ForwardTo.TryRead(headers, out var serviceId, out var nextSteps));
        Assert.Equal((service, next), (serviceId, nextSteps));
    }

    [Fact]
    public void TryRead_NoHeader_IsFalse() => Assert.False(ForwardTo.TryRead(new HeaderDictionary(), out _, out _));
}
