using Akka.Actor;
using ApiMlCluster.Core.Homing;
using ApiMlCluster.Gateway.Sticky;
using ApiMlCluster.TestSupport;
using Xunit.Abstractions;

namespace ApiMlCluster.Gateway.Tests.Sticky;

/// <summary>The sticky entity on Akka's in-memory journal (as its owned journal), which outlives the entity within one ActorSystem.</summary>
public sealed class StickyEntityTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(Hocon, output)
{
    private const string Hocon = GatewaySerializer.Hocon + $$"""

        akka.actor.serialize-messages = on
        {{OwnedJournal.PluginId}} {
          class = "Akka.Persistence.Journal.MemoryJournal, Akka.Persistence"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        """;

    private const string Key = "user1:svc";
    private static readonly long Ttl = (long)TimeSpan.FromHours(8).TotalMilliseconds;
    private readonly ManualClock clock = new();

    [Fact]
    public async Task Choose_FirstProposal_IsChosenAndPublished()
    {
        var publisher = CreateTestProbe();
        var entity = Start(publisher);

        var choice = await entity.Ask<StickyChoice>(new ChooseStickyInstance(Key, "a", null, Ttl));

        Assert.Equal((Key, "a", clock.GetUtcNow().ToUnixTimeMilliseconds()), (choice.Key, choice.InstanceId, choice.ChosenAt));
        Assert.Equal(choice, (await publisher.ExpectMsgAsync<PublishStickyChoice>()).Choice);
    }

    [Fact]
    public async Task Choose_LaterProposals_GetTheFirstChoice()
    {
        var publisher = CreateTestProbe();
        var entity = Start(publisher);
        await entity.Ask<StickyChoice>(new ChooseStickyInstance(Key, "a", null, Ttl));

        var second = await entity.Ask<StickyChoice>(new ChooseStickyInstance(Key, "b", null, Ttl));

        Assert.Equal("a", second.InstanceId);
        await publisher.ExpectMsgAsync<PublishStickyChoice>();
        await publisher.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Choose_RememberedInstanceReportedInvalid_TakesTheProposal()
    {
        var entity = Start(CreateTestProbe());
        await entity.Ask<StickyChoice>(new ChooseStickyInstance(Key, "a", null, Ttl));

        var replaced = await entity.Ask<StickyChoice>(new ChooseStickyInstance(Key, "b", "a", Ttl));
        var raced = await entity.Ask<StickyChoice>(new ChooseStickyInstance(Key, "c", "a", Ttl));

        Assert.Equal(("b", "b"), (replaced.InstanceId, raced.InstanceId));
    }

    [Fact]
    public async Task Choose_AfterTheExpiry_TakesTheProposal()
    {
        var entity = Start(CreateTestProbe());
        await entity.Ask<StickyChoice>(new ChooseStickyInstance(Key, "a", null, Ttl));

        clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMilliseconds(1));
        var before = await entity.Ask<StickyChoice>(new ChooseStickyInstance(Key, "b", null, Ttl));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var after = await entity.Ask<StickyChoice>(new ChooseStickyInstance(Key, "b", null, Ttl));

        Assert.Equal(("a", "b"), (before.InstanceId, after.InstanceId));
    }

    [Fact]
    public async Task Restarted_RecoversTheLatestChoiceFromTheJournal()
    {
        var first = Start(CreateTestProbe());
        await first.Ask<StickyChoice>(new ChooseStickyInstance(Key, "a", null, Ttl));
        await first.Ask<StickyChoice>(new ChooseStickyInstance(Key, "b", "a", Ttl));
        Watch(first);
        first.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(first);

        var recovered = await Start(CreateTestProbe()).Ask<StickyChoice>(new ChooseStickyInstance(Key, "c", null, Ttl));

        Assert.Equal("b", recovered.InstanceId);
    }

    private IActorRef Start(IActorRef publisher) => Sys.ActorOf(StickyEntity.Props(Key, publisher, clock));
}
