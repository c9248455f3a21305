using ApiMlCluster.Discovery.Eureka;

namespace ApiMlCluster.Discovery.Tests.Eureka;

public sealed class EurekaFormatsTests
{
    [Theory]
    [InlineData(null, EurekaFormat.Json)]
    [InlineData("", EurekaFormat.Json)]
    [InlineData("*/*", EurekaFormat.Json)]
    [InlineData("application/json", EurekaFormat.Json)]
    [InlineData("application/xml", EurekaFormat.Xml)]
    [InlineData("text/xml", EurekaFormat.Xml)]
    [InlineData("Application/XML; q=0.9", EurekaFormat.Xml)]
    [InlineData("application/xml, application/json", EurekaFormat.Json)]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", EurekaFormat.Xml)]
    public void ForAccept_Header_PicksXmlOnlyWhenAskedForXmlAndNotJson(string? accept, EurekaFormat expected)
    {
        Assert.Equal(expected, EurekaFormats.ForAccept(accept));
    }

    [Theory]
    [InlineData(null, EurekaFormat.Json)]
    [InlineData("application/json", EurekaFormat.Json)]
    [InlineData("application/json; charset=utf-8", EurekaFormat.Json)]
    [InlineData("text/plain", EurekaFormat.Json)]
    [InlineData("application/xml", EurekaFormat.Xml)]
    [InlineData("text/xml; charset=UTF-8", EurekaFormat.Xml)]
    public void ForContentType_Header_PicksXmlForAnyXmlMediaType(string? contentType, EurekaFormat expected)
    {
        Assert.Equal(expected, EurekaFormats.ForContentType(contentType));
    }

    [Fact]
    public void MediaType_EachFormat_IsItsResponseContentType()
    {
        Assert.Equal(("application/json", "application/xml"), (EurekaFormat.Json.MediaType(), EurekaFormat.Xml.MediaType()));
    }
}
