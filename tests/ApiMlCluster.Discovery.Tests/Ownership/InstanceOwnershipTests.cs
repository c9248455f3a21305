using ApiMlCluster.Discovery.Ownership;
using ApiMlCluster.Discovery.Tests.Support;

namespace ApiMlCluster.Discovery.Tests.Ownership;

public sealed class InstanceOwnershipTests
{
    private static readonly Registrant Alice = new("CN=alice, O=Test", Listed: false);
    private static readonly Registrant Mallory = new("CN=mallory, O=Test", Listed: false);
    private static readonly Registrant ListedMallory = Mallory with { Listed = true };

    [Fact]
    public void MayRegister_ServiceWithInstancesOfAnotherCertificate_IsRefusedForAClaimant()
    {
        var held = Instances.Of("svc", 1) with { RegisteredBy = Alice.Subject };

        Assert.NotNull(InstanceOwnership.MayRegister(Mallory, [held], "localhost:svc:2"));
    }

    [Fact]
    public void MayRegister_ServiceWithInstancesOfTheSameSubject_IsAllowed()
    {
        var held = Instances.Of("svc", 1) with { RegisteredBy = "cn=ALICE, o=test" };

        Assert.Null(InstanceOwnership.MayRegister(Alice, [held], "localhost:svc:2"));
    }

    [Fact]
    public void MayRegister_ListedCertificate_MayJoinAServiceOfAnotherListedCertificate()
    {
        var held = Instances.Of("svc", 1) with { RegisteredBy = Alice.Subject };

        Assert.Null(InstanceOwnership.MayRegister(ListedMallory, [held], "localhost:svc:2"));
    }

    [Fact]
    public void MayRegister_StaticInstanceId_IsRefusedEvenForAListedCertificate()
    {
        var definition = Instances.Of("svc", 1, isStatic: true);

        Assert.NotNull(InstanceOwnership.MayRegister(ListedMallory, [definition], definition.InstanceId));
    }

    [Fact]
    public void MayRegister_ServiceANodeRegistered_IsRefusedForAClaimant()
    {
        var own = Instances.Of("svc", 1) with { RegisteredBy = InstanceOwnership.NodeOwner };

        Assert.NotNull(InstanceOwnership.MayRegister(Alice, [own], "localhost:svc:2"));
    }

    [Fact]
    public void MayChange_ByANode_IsAlwaysAllowed()
    {
        Assert.Null(InstanceOwnership.MayChange(null, Instances.Of("svc", 1, isStatic: true)));
    }

    [Fact]
    public void MayChange_InstanceOfAnotherCertificate_IsRefused()
    {
        Assert.NotNull(InstanceOwnership.MayChange(Mallory, Instances.Of("svc") with { RegisteredBy = Alice.Subject }));
    }

    [Fact]
    public void MayChange_InstanceRecordedBeforeOwners_IsAllowedToTheNextRegistrant()
    {
        Assert.Null(InstanceOwnership.MayChange(Mallory, Instances.Of("svc") with { RegisteredBy = null }));
    }
}
