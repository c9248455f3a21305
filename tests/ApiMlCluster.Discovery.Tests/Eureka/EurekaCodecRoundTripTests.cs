using ApiMlCluster.Discovery.Eureka;
using ApiMlCluster.Discovery.Registry;
using static ApiMlCluster.Discovery.Tests.Eureka.EurekaSamples;

namespace ApiMlCluster.Discovery.Tests.Eureka;

/// <summary>
/// What the registry renders, a client reads and registers again: the client-owned fields survive in both
/// formats and across them; the registry-owned ones are never taken back from a body.
/// </summary>
public sealed class EurekaCodecRoundTripTests
{
    public static TheoryData<string, EurekaFormat> ClientBodies => new()
    {
        { JavaClientJson, EurekaFormat.Json },
        { EurekaJsClientJson, EurekaFormat.Json },
        { SteeltoeJson, EurekaFormat.Json },
        { XStreamXml, EurekaFormat.Xml },
        { ZoweGuideXml, EurekaFormat.Xml },
    };

    [Theory]
    [MemberData(nameof(ClientBodies))]
    public void ReadWriteRead_ClientBodyInTheSameFormat_GivesTheSameInstance(string body, EurekaFormat format)
    {
        var first = EurekaCodec.ReadInstance(Utf8(body), format);

        var second = EurekaCodec.ReadInstance(EurekaCodec.WriteInstance(first, format), format);

        AssertSameInstance(first, second);
    }

    [Theory]
    [MemberData(nameof(ClientBodies))]
    public void ReadWriteRead_ClientBodyInTheOtherFormat_GivesTheSameInstance(string body, EurekaFormat format)
    {
        var other = format == EurekaFormat.Json ? EurekaFormat.Xml : EurekaFormat.Json;
        var first = EurekaCodec.ReadInstance(Utf8(body), format);

        var second = EurekaCodec.ReadInstance(EurekaCodec.WriteInstance(first, other), other);

        AssertSameInstance(first, second);
    }

    [Theory]
    [InlineData(EurekaFormat.Json)]
    [InlineData(EurekaFormat.Xml)]
    public void WriteRead_RegisteredInstance_KeepsClientFieldsAndDropsRegistryFields(EurekaFormat format)
    {
        var registered = Registered() with { OverriddenStatus = InstanceStatus.OutOfService };

        var read = EurekaCodec.ReadInstance(EurekaCodec.WriteInstance(registered, format), format);

        // The rendered status is the effective one, so a client re-registering what it read reports it.
        var expected = registered with
        {
            Status = InstanceStatus.OutOfService,
            OverriddenStatus = InstanceStatus.Unknown,
            Lease = new LeaseInfo { RenewalIntervalInSecs = 30, DurationInSecs = 90 },
            LastUpdatedTimestamp = 0,
        };
        AssertSameInstance(expected, read);
    }

    [Theory]
    [InlineData(EurekaFormat.Json)]
    [InlineData(EurekaFormat.Xml)]
    public void WriteRead_AwkwardMetadataKeysAndValues_SurviveUnchanged(EurekaFormat format)
    {
        var metadata = MetadataOf(
            ("1st key", "leading digit"), ("a:b", "colon"), ("route_v1", "underscore"), ("a__b", "double underscore"),
            ("price$", "dollar"), ("_.0041", "looks escaped"), ("x y/z", "space and slash"), ("k", "<&>\"' \t\n text"), ("ü😀", "non-ASCII"), ("blank", " "), ("crlf", "a\r\nb\rc"));
        var registered = Registered() with { Metadata = metadata };

        var read = EurekaCodec.ReadInstance(EurekaCodec.WriteInstance(registered, format), format);

        Assert.Equal(metadata.ToList(), read.Metadata.ToList());
    }
}
