using Akka.Actor;
using ApiMlCluster.Caching.Storage;

namespace ApiMlCluster.Caching.Tests.Storage;

/// <summary>The service-id quota entity of one certificate, on the SQL journal of its test kit.</summary>
public sealed class CertificateServiceIdsTests : BucketTestKit
{
    private static readonly string Id = CertificateServiceIds.EntityIdOf("CN=svc, O=Test");

    [Fact]
    public async Task Admit_UpToTheLimit_AdmitsThenRefusesANewId()
    {
        var entity = Sys.ActorOf(CertificateServiceIds.Props(Id));

        var first = await AdmitAsync(entity, "a", 2);
        var second = await AdmitAsync(entity, "b", 2);
        var third = await AdmitAsync(entity, "c", 2);

        Assert.IsType<BucketDone>(first);
        Assert.IsType<BucketDone>(second);
        Assert.Equal(RejectionReason.TooManyServiceIds, Assert.IsType<BucketRejected>(third).Reason);
    }

    [Fact]
    public async Task Admit_AnIdAlreadyHeld_IsAdmittedAtTheLimit()
    {
        var entity = Sys.ActorOf(CertificateServiceIds.Props(Id));
        await AdmitAsync(entity, "a", 1);

        var again = await AdmitAsync(entity, "a", 1);

        Assert.IsType<BucketDone>(again);
    }

    [Fact]
    public async Task Restarted_RemembersTheAdmittedIds()
    {
        var first = Sys.ActorOf(CertificateServiceIds.Props(Id));
        await AdmitAsync(first, "a", 2);
        await AdmitAsync(first, "b", 2);
        Watch(first);
        first.Tell(StopBucket.Instance);
        await ExpectTerminatedAsync(first, Ask);

        var again = Sys.ActorOf(CertificateServiceIds.Props(Id));
        var held = await AdmitAsync(again, "b", 2);
        var fresh = await AdmitAsync(again, "c", 2);

        Assert.IsType<BucketDone>(held);
        Assert.IsType<BucketRejected>(fresh);
    }

    [Fact]
    public async Task Restarted_AfterASnapshot_RemembersEveryId()
    {
        var first = Sys.ActorOf(CertificateServiceIds.Props(Id));
        for (var i = 0; i < 150; i++)
        {
            await AdmitAsync(first, $"id{i}", 150);
        }

        Watch(first);
        first.Tell(StopBucket.Instance);
        await ExpectTerminatedAsync(first, Ask);

        var again = Sys.ActorOf(CertificateServiceIds.Props(Id));
        Assert.IsType<BucketRejected>(await AdmitAsync(again, "one-more", 150));
        Assert.IsType<BucketDone>(await AdmitAsync(again, "id0", 150));
    }

    [Fact]
    public void EntityIdOf_IsPrefixedAndDiffersFromBucketIds()
    {
        Assert.StartsWith(CertificateServiceIds.EntityPrefix, Id);
        Assert.DoesNotContain(BucketAddress.AllEntityIds("CN=svc, O=Test"), id => id.StartsWith(CertificateServiceIds.EntityPrefix, StringComparison.Ordinal));
    }

    private static Task<object> AdmitAsync(IActorRef entity, string serviceId, int max) =>
        entity.Ask<object>(new AdmitServiceId(Id, Guid.NewGuid(), serviceId, max), Ask);
}
