using ApiMlCluster.Discovery.Metadata;
using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Gateway.Routing;

/// <summary>An instance the gateway may forward to: where it listens and what its metadata asks of the gateway.</summary>
internal sealed record RoutedInstance(InstanceInfo Instance, ServiceMetadata Metadata, Uri BaseUri)
{
    public string InstanceId => Instance.InstanceId;

    /// <summary>
    /// The instance's address: <c>apiml.service.externalUrl</c> when set (a domain gateway registered to a central
    /// one), else https on the secure port when it is enabled, else http on the plain port.
    /// </summary>
    public static Uri AddressOf(InstanceInfo instance, ServiceMetadata metadata)
    {
        if (metadata.ExternalUrl is { } external && Uri.TryCreate(external, UriKind.Absolute, out var uri))
        {
            return uri;
        }

        return instance.SecurePortEnabled || !instance.PortEnabled
            ? new UriBuilder(Uri.UriSchemeHttps, instance.HostName, instance.SecurePort).Uri
            : new UriBuilder(Uri.UriSchemeHttp, instance.HostName, instance.Port).Uri;
    }
}
