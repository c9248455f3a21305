using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.Eureka;

/// <summary>
/// What <c>GET /eureka/apps</c> and <c>/eureka/apps/delta</c> render: the registry version the client stores
/// (<c>versions__delta</c>), the reconcile hash it compares after applying a delta (<see cref="EurekaCodec.AppsHashCode"/>)
/// and the applications.
/// </summary>
internal sealed record EurekaApplications(long VersionsDelta, string AppsHashCode, IReadOnlyList<EurekaApplication> Applications);

/// <summary>One application (service id in upper case) and its instances.</summary>
internal sealed record EurekaApplication(string Name, IReadOnlyList<EurekaInstanceEntry> Instances);

/// <summary>
/// An instance as rendered in a response, with Eureka's <c>actionType</c>: <see cref="Added"/>, <see cref="Modified"/>
/// or <see cref="Deleted"/>. Delta consumers (the Java client, eureka-js-client) apply instances by this field.
/// </summary>
internal sealed record EurekaInstanceEntry(InstanceInfo Instance, string ActionType)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
}
