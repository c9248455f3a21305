using System.Collections.Immutable;
using ApiMlCluster.Discovery.Registry;
using ApiMlCluster.Discovery.StaticDefinitions;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Discovery.Tests.StaticDefinitions;

public sealed class AdditionalServiceMetadataTests
{
    private static ImmutableSortedDictionary<string, string> Map(params (string Key, string Value)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    private static InstanceInfo Instance(string serviceId, ImmutableSortedDictionary<string, string> metadata) => new()
    {
        InstanceId = InstanceIds.Of("host", serviceId, 443),
        App = serviceId.ToUpperInvariant(),
        HostName = "host",
        Metadata = metadata,
    };

    [Fact]
    public void ApplyTo_Update_AddsOnlyMissingKeys()
    {
        var additional = new AdditionalServiceMetadata("svc", MetadataUpdateMode.Update, Map(("a", "new"), ("b", "new")));

        Assert.Equal(Map(("a", "old"), ("b", "new")), additional.ApplyTo(Map(("a", "old"))));
    }

    [Fact]
    public void ApplyTo_ForceUpdate_OverwritesExistingKeys()
    {
        var additional = new AdditionalServiceMetadata("svc", MetadataUpdateMode.ForceUpdate, Map(("a", "new"), ("b", "new")));

        Assert.Equal(Map(("a", "new"), ("b", "new")), additional.ApplyTo(Map(("a", "old"))));
    }

    [Fact]
    public void ApplyTo_NothingChanges_ReturnsTheSameInstance()
    {
        var instance = Instance("svc", Map(("a", "old")));
        var additional = new AdditionalServiceMetadata("svc", MetadataUpdateMode.Update, Map(("a", "new")));

        Assert.Same(instance, additional.ApplyTo(instance));
    }

    [Fact]
    public void Apply_InstanceOfAnotherService_IsReturnedUnchanged()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteFile("a.yml", "additionalServiceMetadata:\n  - serviceId: other\n    mode: FORCE_UPDATE\n    title: T\n");
        var instance = Instance("svc", Map(("a", "b")));

        Assert.Same(instance, StaticDefinitionLoader.Load(workspace.Root).Apply(instance));
    }

    [Fact]
    public void Apply_ForceUpdateFromFile_OverwritesTheRegisteredTitle()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteFile("a.yml", "additionalServiceMetadata:\n  - serviceId: svc\n    mode: FORCE_UPDATE\n    title: From file\n");
        var instance = Instance("svc", Map(("apiml.service.title", "From client"), ("version", "2.2.0")));

        var applied = StaticDefinitionLoader.Load(workspace.Root).Apply(instance);

        Assert.Equal("From file", applied.Metadata["apiml.service.title"]);
    }

    [Fact]
    public void Load_AdditionalMetadataWithUnknownMode_IsReportedAndSkipped()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteFile("a.yml", "additionalServiceMetadata:\n  - serviceId: svc\n    mode: REPLACE\n    title: T\n");

        var set = StaticDefinitionLoader.Load(workspace.Root);

        Assert.Empty(set.AdditionalMetadata);
        Assert.Contains(set.Errors, e => e.Contains("REPLACE", StringComparison.Ordinal));
    }
}
