using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.StaticDefinitions;

/// <summary>
/// Everything loaded from the static definition directories: the instances to register, the metadata to merge into
/// registering instances, and what could not be used. <see cref="Errors"/> never stops the rest from loading.
/// </summary>
internal sealed record StaticDefinitionSet(
    IReadOnlyList<InstanceInfo> Instances,
    IReadOnlyDictionary<string, AdditionalServiceMetadata> AdditionalMetadata,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Files)
{
    public static readonly StaticDefinitionSet Empty = new([], new Dictionary<string, AdditionalServiceMetadata>(), [], []);

    /// <summary>
    /// The instance with its service's <c>additionalServiceMetadata</c> merged in; the same instance when there is none.
    /// The service id is the instance id's middle segment, as Zowe takes it; service ids match case-insensitively.
    /// </summary>
    public InstanceInfo Apply(InstanceInfo instance)
    {
        var serviceId = InstanceIds.TryParse(instance.InstanceId, out _, out var fromId, out _, out _) ? fromId : instance.ServiceId;
        return AdditionalMetadata.TryGetValue(serviceId, out var additional) ? additional.ApplyTo(instance) : instance;
    }
}
