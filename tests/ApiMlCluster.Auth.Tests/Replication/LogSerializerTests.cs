using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using ApiMlCluster.Auth.AccessTokens.Rules;
using ApiMlCluster.Auth.Replication;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Sessions;

namespace ApiMlCluster.Auth.Tests.Replication;

/// <summary>Every replicated-log message, journal event and snapshot survives the auth serializer, and rows older versions wrote still read.</summary>
public sealed class LogSerializerTests : IDisposable
{
    private static readonly RuleEntry User = new(RuleKind.User, "ALICE", 1_700_000_000_123);
    private static readonly RevokedToken Token = new(Guid.Parse("0f8b7d0e-6a38-4f0e-9a39-1e2f3a4b5c6d"), 1_800_000_000);
    private static readonly SessionRecord Session = new(Guid.Parse("1f8b7d0e-6a38-4f0e-9a39-1e2f3a4b5c6d"), "USER", 1_800_000_000, [1, 2, 3], null);

    private readonly ActorSystem system = ActorSystem.Create("log-serializer-test", ConfigurationFactory.ParseString(AuthSerializer.Hocon));

    public static TheoryData<object> Messages() =>
    [
        Token,
        new Append<RevokedToken>(Token),
        new EntriesAppended<RevokedToken>([Token, Token]),
        new ApplyEntries<RevokedToken>(Guid.NewGuid(), [Token]),
        new TokenRevoked(Token.TokenId, Token.ExpiresAt),
        new BucketSnapshot(PackedEntries.Pack([KeyValuePair.Create(Token.TokenId, Token.ExpiresAt)])),
        User,
        new Append<RuleEntry>(User),
        new EntriesAppended<RuleEntry>([User]),
        new ApplyEntries<RuleEntry>(Guid.NewGuid(), [User]),
        new RuleStored(User),
        new RuleBucketSnapshot([User]),
        new Append<SessionRecord>(Session),
        new EntriesAppended<SessionRecord>([Session]),
        new ApplyEntries<SessionRecord>(Guid.NewGuid(), [Session]),
        new SessionsSnapshot([Session]),
        new Appended(false, ["akka.tcp://apiml@127.0.0.1:1"]),
        new AppendFailed("journal down"),
        new EntriesApplied(Guid.NewGuid(), "akka.tcp://apiml@127.0.0.1:2"),
        PruneNow.Instance,
        Pruned.Instance,
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void RoundTrip_EveryMessage_IsEqualAfterwards(object message)
    {
        var serializer = system.Serialization.FindSerializerFor(message);

        var copy = system.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        Assert.IsType<AuthSerializer>(serializer);
        Assert.Equal(message.GetType(), copy.GetType());
        Assert.Equal(JsonSerializer.Serialize(message, message.GetType()), JsonSerializer.Serialize(copy, copy.GetType()));
    }

    /// <summary>Rows the sharded buckets of earlier versions wrote, byte for byte: the logs read them at catch-up.</summary>
    [Theory]
    [InlineData("ev-token-revoked", """{"TokenId":"0f8b7d0e-6a38-4f0e-9a39-1e2f3a4b5c6d","ExpiresAt":1800000000}""")]
    [InlineData("snap-bucket", """{"Entries":"Dn2LDzhqDk+aOR4vOktcbQDSSWsAAAAA"}""")]
    [InlineData("ev-pat-rule-stored", """{"Rule":{"Kind":0,"Subject":"ALICE","Timestamp":1700000000123}}""")]
    [InlineData("snap-pat-rules", """{"Rules":[{"Kind":0,"Subject":"ALICE","Timestamp":1700000000123}]}""")]
    public void Legacy_RowsOfTheShardedBuckets_DecodeToTheSameEntries(string manifest, string json)
    {
        var serializer = system.Serialization.FindSerializerForType(typeof(RevokedToken));

        var payload = system.Serialization.Deserialize(Encoding.UTF8.GetBytes(json), serializer.Identifier, manifest);

        var entries = manifest.Contains("pat", StringComparison.Ordinal)
            ? RuleLog.Instance.Decode(payload).Cast<object>()
            : RevocationLog.Instance.Decode(payload).Cast<object>();
        Assert.Equal(manifest.Contains("pat", StringComparison.Ordinal) ? User : Token, Assert.Single(entries));
    }

    [Fact]
    public void Manifest_EveryAuthMessageType_HasOne()
    {
        var serializer = (Akka.Serialization.SerializerWithStringManifest)system.Serialization.FindSerializerForType(typeof(RevokedToken));
        var closed = Samples().Select(m => m.GetType()).ToHashSet();
        var types = typeof(RevokedToken).Assembly.GetTypes()
            .Where(t => typeof(IAuthMessage).IsAssignableFrom(t) && !t.IsInterface && !t.IsGenericTypeDefinition);

        Assert.All(types.Concat(closed), t => Assert.False(string.IsNullOrEmpty(serializer.Manifest(Sample(t)))));
    }

    public void Dispose() => system.Terminate().Wait(TimeSpan.FromSeconds(10));

    private static IEnumerable<object> Samples() => ((IEnumerable<object[]>)Messages()).Select(row => row[0]);

    private static object Sample(Type type) =>
        Samples().FirstOrDefault(m => m.GetType() == type) ?? System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type);
}
