using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using ApiMlCluster.Auth.AccessTokens.Rules;

namespace ApiMlCluster.Auth.Tests.AccessTokens;

/// <summary>Every PAT rule message, journal event and snapshot survives the auth serializer unchanged.</summary>
public sealed class AccessTokenSerializerTests : IDisposable
{
    private static readonly RuleEntry User = new(RuleKind.User, "ALICE", 1_700_000_000_123);
    private static readonly RuleEntry Scope = new(RuleKind.Scope, "jwtsvc", 1_700_000_000_456);

    private readonly ActorSystem system = ActorSystem.Create("pat-serializer-test", ConfigurationFactory.ParseString(AuthSerializer.Hocon));

    public static TheoryData<object> Messages() =>
    [
        User,
        new AddRule(Scope),
        new RuleRecorded(User, ["akka.tcp://apiml@127.0.0.1:1"]),
        new RuleStoreFailed("journal down"),
        new ApplyRule(User),
        new RuleApplied(Scope, "akka.tcp://apiml@127.0.0.1:2"),
        new ReadRules(7),
        new RulePage(7, [User, Scope], Last: true),
        new EvictRules(3, 1_600_000_000_000),
        new RulesEvicted(3, 12),
        new RuleStored(Scope),
        new RuleBucketSnapshot([User, Scope]),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void RoundTrip_EveryRuleMessage_IsEqualAfterwards(object message)
    {
        var serializer = system.Serialization.FindSerializerFor(message);

        var copy = system.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        Assert.IsType<AuthSerializer>(serializer);
        Assert.Equal(message.GetType(), copy.GetType());
        Assert.Equal(JsonSerializer.Serialize(message, message.GetType()), JsonSerializer.Serialize(copy, copy.GetType()));
    }

    [Fact]
    public void Manifest_EveryRuleMessageType_HasOne()
    {
        var serializer = system.Serialization.FindSerializerForType(typeof(AddRule));
        var types = typeof(AddRule).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(AddRule).Namespace && typeof(IAuthMessage).IsAssignableFrom(t));

        Assert.All(types, t => Assert.False(string.IsNullOrEmpty(((Akka.Serialization.SerializerWithStringManifest)serializer).Manifest(Activator.CreateInstance(t, Args(t))!))));
    }

    public void Dispose() => system.Terminate().Wait(TimeSpan.FromSeconds(10));

    private static object?[] Args(Type type) =>
        type.GetConstructors()[0].GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(string) => "x",
            var t when t == typeof(RuleEntry) => User,
            var t when t.IsValueType => Activator.CreateInstance(t),
            _ => null,
        }).ToArray();
}
