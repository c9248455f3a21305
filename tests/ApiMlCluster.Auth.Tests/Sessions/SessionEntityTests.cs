using Akka.Actor;
using ApiMlCluster.Auth.Sessions;
using ApiMlCluster.Auth.Tests.Support;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.Sessions;

public sealed class SessionEntityTests : IAsyncLifetime
{
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(15);
    private readonly ManualClock clock = new();
    private AuthTestCluster cluster = null!;

    private IActorRef Sessions => cluster.Members[0].Actors.Sessions;

    public async Task InitializeAsync() => cluster = await AuthTestCluster.StartAsync(1, clock);

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task StartSession_ThenGet_ReturnsUserTimesAndSouthboundCredentials()
    {
        var id = Guid.NewGuid();
        var start = new StartSession(id, "USER", "Dummy provider", 100, 200, new Dictionary<string, string> { ["zosmf.jwt"] = "z" });

        await Sessions.Ask<SessionInfo>(start, Ask);
        var info = await Sessions.Ask<SessionInfo>(new GetSession(id), Ask);

        Assert.Equal(("USER", "Dummy provider", 100L, 200L, (long?)null), (info.UserId, info.Domain, info.IssuedAt, info.ExpiresAt, info.EndedAt));
        Assert.Equal("z", info.SouthboundCredentials["zosmf.jwt"]);
    }

    [Fact]
    public async Task StartSession_Twice_KeepsTheFirst()
    {
        var id = Guid.NewGuid();
        await Sessions.Ask<SessionInfo>(new StartSession(id, "FIRST", null, 1, 2, new Dictionary<string, string>()), Ask);

        var second = await Sessions.Ask<SessionInfo>(new StartSession(id, "SECOND", null, 1, 2, new Dictionary<string, string>()), Ask);

        Assert.Equal("FIRST", second.UserId);
    }

    [Fact]
    public async Task EndSession_OpenSession_RecordsTheEndTime()
    {
        var id = Guid.NewGuid();
        await Sessions.Ask<SessionInfo>(new StartSession(id, "USER", null, 1, 2, new Dictionary<string, string>()), Ask);

        var ended = await Sessions.Ask<SessionInfo>(new EndSession(id), Ask);

        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), ended.EndedAt);
    }

    [Fact]
    public async Task GetSession_UnknownId_IsNotFound()
    {
        var id = Guid.NewGuid();

        var answer = await Sessions.Ask<object>(new GetSession(id), Ask);

        Assert.Equal(new SessionNotFound(id), answer);
    }

    [Fact]
    public async Task Session_AfterEntityStops_IsRecoveredFromTheJournal()
    {
        var id = Guid.NewGuid();
        await Sessions.Ask<SessionInfo>(new StartSession(id, "USER", null, 1, 2, new Dictionary<string, string>()), Ask);
        await Sessions.Ask<SessionInfo>(new EndSession(id), Ask);

        cluster.Members[0].System.ActorSelection($"/system/sharding/session/*/{SessionShards.EntityIdOf(id)}").Tell(PoisonPill.Instance);
        await Task.Delay(300);
        var info = await Sessions.Ask<SessionInfo>(new GetSession(id), Ask);

        Assert.NotNull(info.EndedAt);
    }

    [Fact]
    public void SessionInfo_ToString_DoesNotShowSouthboundCredentials()
    {
        var info = new SessionInfo(Guid.NewGuid(), "USER", null, 1, 2, new Dictionary<string, string> { ["zosmf.ltpa"] = "secret-ltpa" }, null);

        Assert.DoesNotContain("secret-ltpa", info.ToString());
    }
}
