using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using ApiMlCluster.Auth.Replication;
using ApiMlCluster.Auth.Sessions;
using ApiMlCluster.Auth.Tests.Support;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.Sessions;

/// <summary>Sessions with southbound credentials: sealed in the journal, on every node before the login answers, ended from any node.</summary>
public sealed class SessionLogTests
{
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(15);
    private static readonly CredentialSealer Sealer = new(RandomNumberGenerator.GetBytes(32));
    private readonly ManualClock clock = new();

    private static SessionRecord Record(Guid id, string token, long? endedAt = null) =>
        new(id, "USER", 2_000_000_000, Sealer.Seal(id, new Dictionary<string, string> { ["zosmf.jwt"] = token }), endedAt);

    [Fact]
    public async Task StartAtOneNode_EndAtAnother_EveryNodeSeesTheCredentialsThenTheEnd()
    {
        await using var cluster = await AuthTestCluster.StartAsync(2, clock);
        await Task.WhenAll(cluster.Members.Select(m => m.WhenReady(Ask)));
        var id = Guid.NewGuid();

        await cluster.Members[0].Actors.Sessions.Ask<Appended>(new Append<SessionRecord>(Record(id, "z1")), Ask);
        var atOther = cluster.Members[1].Stores.Sessions.Find(id);
        Assert.NotNull(atOther);
        Assert.Equal("z1", Sealer.Open(id, atOther.SealedCredentials)!["zosmf.jwt"]);

        await cluster.Members[1].Actors.Sessions.Ask<Appended>(new Append<SessionRecord>(atOther with { EndedAt = 123 }), Ask);
        Assert.All(cluster.Members, m => Assert.Equal(123, m.Stores.Sessions.Find(id)!.EndedAt));
    }

    [Fact]
    public void Merge_EndedAndOpen_TheEndWinsInEitherOrder()
    {
        var id = Guid.NewGuid();
        var open = Record(id, "z");
        var ended = open with { EndedAt = 5 };

        Assert.Equal(5, SessionLog.Instance.Merge(open, ended).EndedAt);
        Assert.Equal(5, SessionLog.Instance.Merge(ended, open).EndedAt);
    }

    [Fact]
    public void Sealed_Credentials_DoNotContainTheTokenInClear()
    {
        var id = Guid.NewGuid();
        var sealedBytes = Sealer.Seal(id, new Dictionary<string, string> { ["zosmf.jwt"] = "secret-zosmf-token" });

        Assert.DoesNotContain("secret-zosmf-token", Encoding.UTF8.GetString(sealedBytes), StringComparison.Ordinal);
        Assert.Equal("secret-zosmf-token", Sealer.Open(id, sealedBytes)!["zosmf.jwt"]);
    }

    [Fact]
    public void Open_ForAnotherSessionOrWithAnotherKey_GivesNothing()
    {
        var id = Guid.NewGuid();
        var sealedBytes = Sealer.Seal(id, new Dictionary<string, string> { ["zosmf.jwt"] = "z" });

        Assert.Null(Sealer.Open(Guid.NewGuid(), sealedBytes));
        Assert.Null(new CredentialSealer(RandomNumberGenerator.GetBytes(32)).Open(id, sealedBytes));
        Assert.Null(Sealer.Open(id, [1, 2, 3]));
    }
}
