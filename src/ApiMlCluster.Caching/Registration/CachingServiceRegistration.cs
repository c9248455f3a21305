using System.Collections.Immutable;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Discovery.Metadata;
using ApiMlCluster.Discovery.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Caching.Registration;

/// <summary>
/// Registers this node's caching port in discovery as Zowe's caching service registers itself (service id
/// <c>cachingservice</c>, route <c>api/v1</c> → <c>/cachingservice/api/v1</c>, scheme x509), so the gateway routes
/// <c>/cachingservice/api/v1/**</c> to every node's caching port. It renews like a Eureka client and cancels the
/// instance when the node stops, so the gateway stops choosing a node that is going away.
/// </summary>
internal sealed class CachingServiceRegistration(NodeConfig config, RegistryWriter writer, ILogger<CachingServiceRegistration> log) : BackgroundService
{
    public const string ServiceId = "cachingservice";
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    private InstanceInfo Instance { get; } = Build(config);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var registered = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var outcome = (registered
                ? await writer.SendAsync(new Renew(Instance.App, Instance.InstanceId, null), stoppingToken)
                : await writer.SendAsync(new Register(Instance.App, Instance), stoppingToken)).Outcome;
            if (outcome == RegistryOutcome.Done && !registered)
            {
                log.LogInformation("Registered the caching service as {InstanceId}", Instance.InstanceId);
            }

            // A renewal the registry does not know (the lease expired while the cluster was busy) means: register again.
            registered = outcome == RegistryOutcome.Done;
            await Task.Delay(registered ? Renewal : Retry, stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await writer.SendAsync(new Cancel(Instance.App, Instance.InstanceId), budget.Token);
        }
        catch (OperationCanceledException)
        {
            // The lease expires on its own.
        }
    }

    internal static InstanceInfo Build(NodeConfig config)
    {
        var port = config.CachingService.Port;
        var host = config.Hostname;
        var metadata = new Dictionary<string, string>
        {
            [MetadataKeys.Version] = MetadataKeys.CurrentVersion,
            ["apiml.routes.api-v1.gatewayUrl"] = "api/v1",
            ["apiml.routes.api-v1.serviceUrl"] = "/cachingservice/api/v1",
            [MetadataKeys.AuthenticationScheme] = "x509",
            [MetadataKeys.AuthenticationHeaders] = "X-Certificate-Public,X-Certificate-DistinguishedName,X-Certificate-CommonName",
            [MetadataKeys.ServiceTitle] = "Caching service",
            [MetadataKeys.ServiceDescription] = "Key-value storage for APIML services, kept by the cluster (sharded, journaled).",
            ["apiml.apiInfo.0.apiId"] = "zowe.apiml.cachingservice",
            ["apiml.apiInfo.0.gatewayUrl"] = "api/v1",
            ["apiml.apiInfo.0.version"] = "1.0.0",
        };
        return new InstanceInfo
        {
            InstanceId = $"{host}:{ServiceId}:{port}",
            App = ServiceId.ToUpperInvariant(),
            HostName = host,
            VipAddress = ServiceId,
            SecureVipAddress = ServiceId,
            Port = port,
            PortEnabled = false,
            SecurePort = port,
            SecurePortEnabled = true,
            HomePageUrl = $"https://{host}:{port}/",
            Metadata = metadata.ToImmutableSortedDictionary(StringComparer.Ordinal),
        };
    }
}
