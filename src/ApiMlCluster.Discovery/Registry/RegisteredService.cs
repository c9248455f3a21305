using System.Collections.Immutable;

namespace ApiMlCluster.Discovery.Registry;

/// <summary>
/// A service's instances at one version. The owning entity bumps <see cref="Version"/> on every change, so a
/// read model keeps whichever copy is newer and never goes back.
/// </summary>
public sealed record RegisteredService(string App, long Version, ImmutableSortedDictionary<string, InstanceInfo> Instances)
{
    public static RegisteredService Empty(string app) =>
        new(app, 0, ImmutableSortedDictionary<string, InstanceInfo>.Empty.WithComparers(StringComparer.Ordinal));

    public string ServiceId => App.ToLowerInvariant();
}
