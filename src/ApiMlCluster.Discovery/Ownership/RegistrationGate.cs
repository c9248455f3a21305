using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Messages;
using ApiMlCluster.Discovery.Eureka;
using ApiMlCluster.Discovery.Metadata;
using ApiMlCluster.Discovery.ReadModel;
using ApiMlCluster.Discovery.Registry;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Discovery.Ownership;

/// <summary>
/// The checks of a Eureka registration that need the policy or the registry view, not the instance's owner: hosts
/// and URLs in the allowed domains (Zowe 3.x, ZWEAM601W), <c>externalUrl</c> and APPLIDs only where the operator
/// allows them, an <c>apimlId</c> that takes no other service's path, the lease limit, and the quotas. The view may
/// lag the cluster by a moment, so the quotas are approximate; the hard per-service cap is the entity's.
/// </summary>
internal sealed partial class RegistrationGate(DiscoverySettings settings, RegistrySnapshot snapshot, ILogger<RegistrationGate> log)
{
    private static readonly string[] CheckedUrlSuffixes = ["swaggerUrl", "graphqlUrl", "documentationUrl", "externalUrl"];

    private readonly AllowedDomains domains = new(settings.Registration.AllowedDomains);

    private RegistrationPolicy Policy => settings.Registration;

    /// <summary>Null when <paramref name="instance"/> may go to the registry; otherwise the answer to give.</summary>
    public RegistrationProblem? Check(InstanceInfo instance, Registrant? by)
    {
        if (instance.Lease.DurationInSecs > Policy.MaxLeaseSeconds)
        {
            return new(EurekaMessages.InvalidRegistration, instance.App,
                $"leaseInfo.durationInSecs {instance.Lease.DurationInSecs} is above {Policy.MaxLeaseSeconds} ({RegistrationPolicyKeys.Registration}.maxLeaseSeconds)");
        }

        if (DomainProblem(instance) is { } domain)
        {
            return domain;
        }

        var serviceId = instance.ServiceId;
        if (ApimlIdProblem(instance) is { } apimlId)
        {
            return apimlId;
        }

        if (by is null)
        {
            return null;
        }

        if (instance.Metadata.ContainsKey(MetadataKeys.ServiceExternalUrl) && !Policy.ExternalUrlServices.Contains(serviceId))
        {
            return NotAllowed(by, instance, $"it sets {MetadataKeys.ServiceExternalUrl}, which {RegistrationPolicyKeys.ExternalUrl} does not allow for '{serviceId}'");
        }

        if (MetadataValues.Read(instance.Metadata, MetadataKeys.AuthenticationApplid) is { Length: > 0 } applId
            && !(Policy.ApplIds.TryGetValue(serviceId, out var allowed) && allowed.Contains(applId.Trim().ToUpperInvariant())))
        {
            return NotAllowed(by, instance, $"APPLID '{applId}' is not in {RegistrationPolicyKeys.ApplIds}.{serviceId}");
        }

        return QuotaProblem(instance, by);
    }

    private RegistrationProblem? DomainProblem(InstanceInfo instance)
    {
        if (Policy.AllowedDomains.Count == 0)
        {
            return null;
        }

        if (!domains.Allows(instance.HostName))
        {
            return DomainRefused(instance, "hostName", instance.HostName);
        }

        var urls = new List<(string Key, string Url)>
        {
            ("homePageUrl", instance.HomePageUrl ?? string.Empty),
            ("statusPageUrl", instance.StatusPageUrl ?? string.Empty),
            ("healthCheckUrl", instance.HealthCheckUrl ?? string.Empty),
            ("secureHealthCheckUrl", instance.SecureHealthCheckUrl ?? string.Empty),
        };
        if (MetadataValues.Read(instance.Metadata, MetadataKeys.CorsAllowedOrigins) is { } origins)
        {
            urls.AddRange(origins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(o => o != "*")
                .Select(o => (MetadataKeys.CorsAllowedOrigins, o)));
        }

        urls.AddRange(instance.Metadata
            .Where(e => CheckedUrlSuffixes.Any(s => e.Key.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
            .Select(e => (e.Key, e.Value)));

        // A relative URL names no host of its own (it resolves against hostName, checked above).
        foreach (var (key, url) in urls)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && !uri.IsFile && !domains.Allows(uri.Host))
            {
                return DomainRefused(instance, key, url);
            }
        }

        return null;
    }

    private RegistrationProblem DomainRefused(InstanceInfo instance, string key, string url)
    {
        LogDomainRefused(log, key, url, instance.InstanceId);
        return new(EurekaMessages.DomainNotAllowed, key, url, instance.InstanceId);
    }

    private RegistrationProblem? ApimlIdProblem(InstanceInfo instance)
    {
        if (MetadataValues.Read(instance.Metadata, MetadataKeys.ServiceApimlId) is not { Length: > 0 } text)
        {
            return null;
        }

        var apimlId = text.Trim().ToLowerInvariant();
        var serviceId = instance.ServiceId;
        if (apimlId == serviceId)
        {
            return null;
        }

        if (RegistrationAccess.ReservedServiceIds.Contains(apimlId))
        {
            return new(EurekaMessages.PathTaken, apimlId, instance.App, apimlId);
        }

        foreach (var service in snapshot.Current.Registered)
        {
            if (service.ServiceId == serviceId)
            {
                continue;
            }

            if (service.ServiceId == apimlId || service.Instances.Values.Any(i =>
                    string.Equals(MetadataValues.Read(i.Metadata, MetadataKeys.ServiceApimlId)?.Trim(), apimlId, StringComparison.OrdinalIgnoreCase)))
            {
                return new(EurekaMessages.PathTaken, apimlId, instance.App, service.ServiceId);
            }
        }

        return null;
    }

    private RegistrationProblem? QuotaProblem(InstanceInfo instance, Registrant by)
    {
        var view = snapshot.Current;
        if (view.Find(instance.App) is null && view.RegisteredCount >= Policy.MaxServices)
        {
            return new(EurekaMessages.QuotaReached, instance.App, $"the registry holds {Policy.MaxServices} services ({RegistrationPolicyKeys.Registration}.maxServices)");
        }

        // Re-registering an instance this certificate already holds does not count against its quota.
        var held = view.InstancesHeldBy(by.Subject);
        if (view.Find(instance.App)?.Instances.GetValueOrDefault(instance.InstanceId) is { } existing
            && string.Equals(existing.RegisteredBy, by.Subject, StringComparison.OrdinalIgnoreCase))
        {
            held--;
        }

        return held >= Policy.MaxInstancesPerCertificate
            ? new(EurekaMessages.QuotaReached, instance.App, $"the certificate holds {held} instances ({RegistrationPolicyKeys.Registration}.maxInstancesPerCertificate)")
            : null;
    }

    private static RegistrationProblem NotAllowed(Registrant by, InstanceInfo instance, string reason) =>
        new(EurekaMessages.NotOwner, by.Subject, instance.App, reason);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "ZWEAM601W '{Key}' {Url} is not allowed for instance '{InstanceId}'")]
    private static partial void LogDomainRefused(ILogger logger, string key, string url, string instanceId);
}

/// <summary>A refusal: the Zowe message and its arguments.</summary>
internal sealed record RegistrationProblem(MessageTemplate Message, params object?[] Arguments);
