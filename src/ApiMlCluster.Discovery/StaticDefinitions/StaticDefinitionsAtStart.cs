using ApiMlCluster.Discovery.ReadModel;
using ApiMlCluster.Discovery.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Discovery.StaticDefinitions;

/// <summary>
/// Loads the static definitions once the node has its registry (so a reload can tell which static instances
/// vanished), retrying while the registry cannot take writes yet.
/// </summary>
internal sealed class StaticDefinitionsAtStart(DiscoveryActorsHolder actors, RegistrySnapshot snapshot, StaticApiService statics, ILogger<StaticDefinitionsAtStart> log) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await actors.Actors.WaitAsync(stoppingToken);
        while (!snapshot.IsReady)
        {
            await Task.Delay(Poll, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var result = await statics.ReloadAsync(stoppingToken);
            if (result.Registered.Count == result.Instances.Count)
            {
                return;
            }

            log.LogWarning("Not every static instance was registered; retrying in {Delay}", RetryAfterFailure);
            await Task.Delay(RetryAfterFailure, stoppingToken);
        }
    }
}
