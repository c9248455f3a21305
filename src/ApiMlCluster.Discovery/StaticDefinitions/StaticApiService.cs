using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Discovery.ReadModel;
using ApiMlCluster.Discovery.Registry;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Discovery.StaticDefinitions;

/// <summary>
/// Registers the services of the static definition files, and on reload makes the registry's static instances
/// match the files again (new ones registered, vanished ones cancelled). Every node reads its own directory, so
/// every node should see the same files (a shared workspace, as Zowe's HA setup has).
/// </summary>
internal sealed class StaticApiService(DiscoverySettings settings, RegistryWriter writer, RegistrySnapshot snapshot, ILogger<StaticApiService> log)
{
    private readonly SemaphoreSlim reloading = new(1, 1);
    private volatile StaticDefinitionSet current = StaticDefinitionSet.Empty;

    /// <summary>The definitions last loaded; their additional metadata applies to every registration.</summary>
    public StaticDefinitionSet Current => current;

    public async Task<StaticReloadResult> ReloadAsync(CancellationToken cancellationToken)
    {
        await reloading.WaitAsync(cancellationToken);
        try
        {
            var loaded = StaticDefinitionLoader.Load(string.Join(';', settings.StaticDefinitionDirectories));
            current = loaded;
            foreach (var error in loaded.Errors)
            {
                log.LogWarning("Static definition problem: {Error}", error);
            }

            var errors = loaded.Errors.ToList();
            var registered = new List<string>();
            foreach (var instance in loaded.Instances)
            {
                var prepared = loaded.Apply(instance);
                if ((await writer.SendAsync(new Register(prepared.App, prepared), cancellationToken)).Outcome == RegistryOutcome.Done)
                {
                    registered.Add(prepared.InstanceId);
                }
                else
                {
                    errors.Add($"the registry did not accept static instance {prepared.InstanceId}; reload to retry");
                }
            }

            var wanted = loaded.Instances.Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
            var removed = new List<string>();
            foreach (var stale in snapshot.Current.Registered.SelectMany(s => s.Instances.Values).Where(i => i.IsStatic && !wanted.Contains(i.InstanceId)))
            {
                if ((await writer.SendAsync(new Cancel(stale.App, stale.InstanceId), cancellationToken)).Outcome is RegistryOutcome.Done or RegistryOutcome.NotFound)
                {
                    removed.Add(stale.InstanceId);
                }
            }

            log.LogInformation("Static definitions: {Registered} instances registered, {Removed} removed, {Errors} problems, from {Files} files",
                registered.Count, removed.Count, errors.Count, loaded.Files.Count);
            return new StaticReloadResult(errors, loaded.Instances, registered, removed);
        }
        finally
        {
            reloading.Release();
        }
    }
}

internal sealed record StaticReloadResult(IReadOnlyList<string> Errors, IReadOnlyList<InstanceInfo> Instances, IReadOnlyList<string> Registered, IReadOnlyList<string> Removed);
