using System.Collections.Immutable;
using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.StaticDefinitions;

/// <summary>
/// An <c>additionalServiceMetadata</c> entry: metadata the discovery service merges into every instance of
/// <see cref="ServiceId"/> when it registers (Zowe's <c>MetadataDefaultsService</c>, applied after the v1 translation).
/// </summary>
internal sealed record AdditionalServiceMetadata(string ServiceId, MetadataUpdateMode Mode, ImmutableSortedDictionary<string, string> Metadata)
{
    /// <summary><see cref="MetadataUpdateMode.Update"/> adds missing keys only; <see cref="MetadataUpdateMode.ForceUpdate"/> overwrites.</summary>
    public ImmutableSortedDictionary<string, string> ApplyTo(ImmutableSortedDictionary<string, string> metadata)
    {
        var builder = metadata.ToBuilder();
        foreach (var (key, value) in Metadata)
        {
            if (Mode == MetadataUpdateMode.ForceUpdate || !builder.ContainsKey(key))
            {
                builder[key] = value;
            }
        }

        var result = builder.ToImmutable();
        return result.SequenceEqual(metadata) ? metadata : result;
    }

    public InstanceInfo ApplyTo(InstanceInfo instance)
    {
        var metadata = ApplyTo(instance.Metadata);
        return ReferenceEquals(metadata, instance.Metadata) ? instance : instance with { Metadata = metadata };
    }
}
