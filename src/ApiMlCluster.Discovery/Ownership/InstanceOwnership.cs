using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.Ownership;

/// <summary>
/// What a <see cref="Registrant"/> may do to the instances of one service, judged by the service's entity, which
/// owns the instances and so knows who registered each. A null registrant is a node. Each rule answers null when
/// the change is allowed, else the reason.
/// </summary>
internal static class InstanceOwnership
{
    /// <summary>What instances registered by a node record as their owner (a DN always contains '=', so no certificate has this subject).</summary>
    public const string NodeOwner = "(node)";

    /// <summary>Instances recorded before owners were (<see cref="InstanceInfo.RegisteredBy"/> null) belong to whoever registers them next.</summary>
    public static string OwnerOf(Registrant? by) => by?.Subject ?? NodeOwner;

    public static string? MayRegister(Registrant? by, IReadOnlyCollection<InstanceInfo> instances, string instanceId)
    {
        if (by is null)
        {
            return null;
        }

        if (instances.Any(i => i.IsStatic && (!by.Listed || i.InstanceId == instanceId)))
        {
            return "the service is defined by the operator's static definitions";
        }

        if (by.Listed)
        {
            return null;
        }

        // A claimed service belongs to the certificate that registered its instances; a second certificate may not
        // add instances to it (routes follow every instance) or replace one.
        return instances.Any(i => i.RegisteredBy is { } owner && !string.Equals(owner, by.Subject, StringComparison.OrdinalIgnoreCase))
            ? $"the service is registered by another certificate; list both in {RegistrationPolicyKeys.Owners} to share it"
            : null;
    }

    public static string? MayChange(Registrant? by, InstanceInfo instance)
    {
        if (by is null)
        {
            return null;
        }

        if (instance.IsStatic)
        {
            return "static definitions change only through their files and a refresh";
        }

        return by.Listed || instance.RegisteredBy is not { } owner || string.Equals(owner, by.Subject, StringComparison.OrdinalIgnoreCase)
            ? null
            : "the instance was registered by another certificate";
    }
}
