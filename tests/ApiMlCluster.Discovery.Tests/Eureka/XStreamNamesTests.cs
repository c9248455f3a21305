using ApiMlCluster.Discovery.Eureka;

namespace ApiMlCluster.Discovery.Tests.Eureka;

/// <summary>XStream's <c>XmlFriendlyNameCoder</c> with Eureka's settings (<c>_-</c> for '$', <c>__</c> for '_', <c>_.</c> + hex).</summary>
public sealed class XStreamNamesTests
{
    [Theory]
    [InlineData("apiml.routes.api-v1.gatewayUrl", "apiml.routes.api-v1.gatewayUrl")]
    [InlineData("apiml.routes.api_v1.gatewayUrl", "apiml.routes.api__v1.gatewayUrl")]
    [InlineData("versions_delta", "versions__delta")]
    [InlineData("a$b", "a_-b")]
    [InlineData("1abc", "_.0031abc")]
    [InlineData("a b", "a_.0020b")]
    [InlineData("a:b", "a_.003ab")]
    public void Encode_Key_GivesXStreamsElementName(string key, string name)
    {
        Assert.Equal(name, XStreamNames.Encode(key));
    }

    [Theory]
    [InlineData("apiml.routes.api__v1.gatewayUrl", "apiml.routes.api_v1.gatewayUrl")]
    [InlineData("a_-b", "a$b")]
    [InlineData("_.0031abc", "1abc")]
    [InlineData("a_b", "a_b")]
    [InlineData("a_.zz", "a_.zz")]
    [InlineData("trailing_", "trailing_")]
    public void Decode_ElementName_GivesTheKey(string name, string key)
    {
        Assert.Equal(key, XStreamNames.Decode(name));
    }
}
