using Akka.Configuration;
using Akka.Serialization;
using ApiMlCluster.Auth.Audit;

namespace ApiMlCluster.Auth.Tests.Audit;

public sealed class AuditSerializationTests() : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString(AuthSerializer.Hocon))
{
    [Fact]
    public void AuditMessages_RoundTripThroughTheAuthSerializerWithTheirManifests()
    {
        var record = AuditRecords.Numbered(7) with { Reason = "ok", Scopes = ["a", "b"] };

        var recorded = RoundTrip(new AuditRecorded(record), "ev-audit");
        var batch = RoundTrip(new WriteAuditBatch([record]), "audit-write");
        var written = RoundTrip(new AuditBatchWritten(3, true), "audit-written");

        Assert.Equal(record with { Scopes = [] }, recorded.Record with { Scopes = [] });
        Assert.Equal(["a", "b"], recorded.Record.Scopes);
        Assert.Equal("#7", Assert.Single(batch.Records).Subject);
        Assert.Equal(new AuditBatchWritten(3, true), written);
    }

    private T RoundTrip<T>(T message, string manifest)
        where T : notnull
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(message);
        Assert.Equal(AuthSerializer.Id, serializer.Identifier);
        Assert.Equal(manifest, serializer.Manifest(message));
        return Assert.IsType<T>(serializer.FromBinary(serializer.ToBinary(message), manifest));
    }
}
