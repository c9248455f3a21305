using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.ReadModel;

/// <summary>One recent change as Eureka's <c>/apps/delta</c> reports it: the instance and ADDED, MODIFIED or DELETED.</summary>
public sealed record DeltaEntry(long AtMilliseconds, InstanceInfo Instance, string ActionType)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
}
