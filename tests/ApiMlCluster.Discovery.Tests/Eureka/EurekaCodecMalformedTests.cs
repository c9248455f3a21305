using System.Text;
using ApiMlCluster.Discovery.Eureka;
using static ApiMlCluster.Discovery.Tests.Eureka.EurekaSamples;

namespace ApiMlCluster.Discovery.Tests.Eureka;

/// <summary>Every class of bad body is a <see cref="EurekaFormatException"/> naming the part that is wrong.</summary>
public sealed class EurekaCodecMalformedTests
{
    private const string Valid = "\"instanceId\":\"h:s:1\",\"app\":\"S\",\"hostName\":\"h\"";

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("[]", "body")]
    [InlineData("\"instance\"", "body")]
    [InlineData("{\"instance\":{" + Valid + "}", "body")]
    [InlineData("{\"instance\":{" + Valid + "}} {}", "body")]
    [InlineData("{\"instance\":{" + Valid + ",}}", "body")]
    [InlineData("{}", "instance")]
    [InlineData("{\"instance\":null}", "instance")]
    [InlineData("{\"instance\":[]}", "instance")]
    [InlineData("{\"Instance\":{" + Valid + "}}", "instance")]
    [InlineData("{\"instance\":{\"app\":\"S\",\"hostName\":\"h\"}}", "instance.instanceId")]
    [InlineData("{\"instance\":{\"instanceId\":\"h:s:1\",\"hostName\":\"h\"}}", "instance.app")]
    [InlineData("{\"instance\":{\"instanceId\":\"h:s:1\",\"app\":\"S\"}}", "instance.hostName")]
    [InlineData("{\"instance\":{\"instanceId\":\"h:s:1\",\"app\":\"  \",\"hostName\":\"h\"}}", "instance.app")]
    [InlineData("{\"instance\":{\"instanceId\":\"h:s:1\",\"app\":\"S\",\"hostName\":{\"name\":\"h\"}}}", "instance.hostName")]
    [InlineData("{\"instance\":{" + Valid + ",\"status\":\"RUNNING\"}}", "instance.status")]
    [InlineData("{\"instance\":{" + Valid + ",\"status\":[\"UP\"]}}", "instance.status")]
    [InlineData("{\"instance\":{" + Valid + ",\"port\":{\"$\":\"http\",\"@enabled\":\"true\"}}}", "instance.port.$")]
    [InlineData("{\"instance\":{" + Valid + ",\"port\":{\"$\":70000}}}", "instance.port.$")]
    [InlineData("{\"instance\":{" + Valid + ",\"port\":{\"$\":-1}}}", "instance.port.$")]
    [InlineData("{\"instance\":{" + Valid + ",\"port\":{\"$\":80.5}}}", "instance.port.$")]
    [InlineData("{\"instance\":{" + Valid + ",\"port\":{\"@enabled\":\"true\"}}}", "instance.port.$")]
    [InlineData("{\"instance\":{" + Valid + ",\"port\":[8080]}}", "instance.port")]
    [InlineData("{\"instance\":{" + Valid + ",\"securePort\":\"https\"}}", "instance.securePort")]
    [InlineData("{\"instance\":{" + Valid + ",\"port\":{\"$\":80,\"@enabled\":\"yes\"}}}", "instance.port.@enabled")]
    [InlineData("{\"instance\":{" + Valid + ",\"metadata\":[\"a\"]}}", "instance.metadata")]
    [InlineData("{\"instance\":{" + Valid + ",\"metadata\":{\"\":\"v\"}}}", "instance.metadata")]
    [InlineData("{\"instance\":{" + Valid + ",\"leaseInfo\":{\"durationInSecs\":\"ninety\"}}}", "instance.leaseInfo.durationInSecs")]
    [InlineData("{\"instance\":{" + Valid + ",\"leaseInfo\":30}}", "instance.leaseInfo")]
    [InlineData("{\"instance\":{" + Valid + ",\"dataCenterInfo\":{\"name\":\"Mars\"}}}", "instance.dataCenterInfo.name")]
    [InlineData("{\"instance\":{" + Valid + ",\"dataCenterInfo\":\"MyOwn\"}}", "instance.dataCenterInfo")]
    [InlineData("{\"instance\":{" + Valid + ",\"lastDirtyTimestamp\":\"yesterday\"}}", "instance.lastDirtyTimestamp")]
    [InlineData("{\"instance\":{\"instanceId\":\"h:s:1\",\"app\":\"S\\u0001\",\"hostName\":\"h\"}}", "instance.app")]
    [InlineData("{\"instance\":{" + Valid + ",\"metadata\":{\"k\":\"\\u0000\"}}}", "instance.metadata.k")]
    public void ReadInstance_MalformedJson_NamesTheField(string body, string field)
    {
        var e = Assert.Throws<EurekaFormatException>(() => EurekaCodec.ReadInstance(Utf8(body), EurekaFormat.Json));

        Assert.Equal(field, e.Field);
        Assert.Contains($"'{field}'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not xml", "body")]
    [InlineData("{\"instance\":{}}", "body")]
    [InlineData("<instance><instanceId>h:s:1</instanceId><app>S</app>", "body")]
    [InlineData("<instance><instanceId>h:s:1</instanceId><app>S</app><hostName>h</hostName></instance><instance/>", "body")]
    [InlineData("<application><name>S</name></application>", "instance")]
    [InlineData("<instance><app>S</app><hostName>h</hostName></instance>", "instance.instanceId")]
    [InlineData("<instance><instanceId>h:s:1</instanceId><hostName>h</hostName></instance>", "instance.app")]
    [InlineData("<instance><instanceId>h:s:1</instanceId><app>S</app></instance>", "instance.hostName")]
    [InlineData("<instance><instanceId>h:s:1</instanceId><app><name>S</name></app><hostName>h</hostName></instance>", "instance.app")]
    [InlineData("<instance><instanceId>h:s:1</instanceId><app>S</app><hostName>h</hostName><status>RUNNING</status></instance>", "instance.status")]
    [InlineData("<instance><instanceId>h:s:1</instanceId><app>S</app><hostName>h</hostName><port enabled=\"true\">http</port></instance>", "instance.port")]
    [InlineData("<instance><instanceId>h:s:1</instanceId><app>S</app><hostName>h</hostName><port enabled=\"maybe\">80</port></instance>", "instance.port@enabled")]
    [InlineData("<instance><instanceId>h:s:1</instanceId><app>S</app><hostName>h</hostName><leaseInfo><durationInSecs>x</durationInSecs></leaseInfo></instance>", "instance.leaseInfo.durationInSecs")]
    [InlineData("<instance><instanceId>h:s:1</instanceId><app>S</app><hostName>h</hostName><metadata><k>&#1;</k></metadata></instance>", "body")]
    [InlineData("<instance><instanceId>h:s:1</instanceId><app>S</app><hostName>h</hostName><metadata><k><v/></k></metadata></instance>", "instance.metadata.k")]
    public void ReadInstance_MalformedXml_NamesTheField(string body, string field)
    {
        var e = Assert.Throws<EurekaFormatException>(() => EurekaCodec.ReadInstance(Utf8(body), EurekaFormat.Xml));

        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void ReadInstance_JsonLoneSurrogateEscape_IsRefused()
    {
        var e = Assert.Throws<EurekaFormatException>(() => EurekaCodec.ReadInstance(Utf8("{\"instance\":{\"instanceId\":\"h:s:1\",\"app\":\"S\\ud800\",\"hostName\":\"h\"}}"), EurekaFormat.Json));

        Assert.Equal("instance.app", e.Field);
    }

    [Theory]
    [InlineData(EurekaFormat.Json)]
    [InlineData(EurekaFormat.Xml)]
    public void ReadInstance_InvalidUtf8_IsRefused(EurekaFormat format)
    {
        var text = format == EurekaFormat.Json
            ? "{\"instance\":{\"instanceId\":\"h:s:1\",\"app\":\"S#\",\"hostName\":\"h\"}}"
            : "<instance><instanceId>h:s:1</instanceId><app>S#</app><hostName>h</hostName></instance>";
        var body = Utf8(text).Select(b => b == (byte)'#' ? (byte)0xFF : b).ToArray();

        var e = Assert.Throws<EurekaFormatException>(() => EurekaCodec.ReadInstance(body, format));

        Assert.Equal("body", e.Field);
    }

    [Fact]
    public void ReadInstance_XmlWithDtd_IsRefused()
    {
        const string body = """
            <?xml version="1.0"?>
            <!DOCTYPE instance [<!ELEMENT instance ANY>]>
            <instance><instanceId>h:s:1</instanceId><app>S</app><hostName>h</hostName></instance>
            """;

        var e = Assert.Throws<EurekaFormatException>(() => EurekaCodec.ReadInstance(Utf8(body), EurekaFormat.Xml));

        Assert.Equal("body", e.Field);
    }

    [Fact]
    public void ReadInstance_XmlEntityExpansion_IsRefusedWithoutExpanding()
    {
        // "Billion laughs": refused at the DOCTYPE, before any entity is expanded.
        var entities = new StringBuilder("<!ENTITY l0 \"lol\">");
        for (var i = 1; i < 10; i++)
        {
            entities.Append($"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">");
        }

        var body = $"<?xml version=\"1.0\"?><!DOCTYPE instance [{entities}]><instance><instanceId>h:s:1</instanceId><app>&l9;</app><hostName>h</hostName></instance>";

        var e = Assert.Throws<EurekaFormatException>(() => EurekaCodec.ReadInstance(Utf8(body), EurekaFormat.Xml));

        Assert.Equal("body", e.Field);
    }

    [Fact]
    public void ReadInstance_XmlExternalEntity_IsRefused()
    {
        const string body = """
            <?xml version="1.0"?>
            <!DOCTYPE instance [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <instance><instanceId>h:s:1</instanceId><app>S</app><hostName>&secret;</hostName></instance>
            """;

        var e = Assert.Throws<EurekaFormatException>(() => EurekaCodec.ReadInstance(Utf8(body), EurekaFormat.Xml));

        Assert.Equal("body", e.Field);
    }

    [Theory]
    [InlineData(EurekaFormat.Json)]
    [InlineData(EurekaFormat.Xml)]
    public void ReadInstance_EmptyBody_IsRefused(EurekaFormat format)
    {
        var e = Assert.Throws<EurekaFormatException>(() => EurekaCodec.ReadInstance([], format));

        Assert.Equal("body", e.Field);
    }

    [Theory]
    [InlineData(EurekaFormat.Json)]
    [InlineData(EurekaFormat.Xml)]
    public void ReadInstance_BodyOverTheLimit_IsRefusedBeforeParsing(EurekaFormat format)
    {
        var body = new byte[EurekaCodec.MaxBodyBytes + 1];

        var e = Assert.Throws<EurekaFormatException>(() => EurekaCodec.ReadInstance(body, format));

        Assert.Equal("body", e.Field);
    }

    [Fact]
    public void ReadInstance_JsonNestedTooDeep_IsRefused()
    {
        var body = "{\"instance\":{" + Valid + ",\"x\":" + new string('[', 100) + new string(']', 100) + "}}";

        var e = Assert.Throws<EurekaFormatException>(() => EurekaCodec.ReadInstance(Utf8(body), EurekaFormat.Json));

        Assert.Equal("body", e.Field);
    }

    [Fact]
    public void ReadInstance_MissingRequiredField_SaysSoInTheMessage()
    {
        var e = Assert.Throws<EurekaFormatException>(() => EurekaCodec.ReadInstance(Utf8("{\"instance\":{\"instanceId\":\"h:s:1\",\"app\":\"S\"}}"), EurekaFormat.Json));

        Assert.Equal("Invalid Eureka instance: 'instance.hostName' is required", e.Message);
    }
}
