using ApiMlCluster.Discovery.Metadata;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Routing;

/// <summary>One of a service's routes with the strings every request through it needs, built with the route table.</summary>
internal sealed class ServiceRoute(RouteDefinition definition, string pathId)
{
    public RouteDefinition Definition { get; } = definition;

    /// <summary><c>/{pathId}/{gatewayUrl}</c>: what the client's path starts with, and the service's <c>X-Forwarded-Prefix</c>.</summary>
    public string Prefix { get; } = $"/{pathId}/{definition.GatewayUrl}";

    /// <summary>The route's <c>serviceUrl</c> percent-encoded, as the path sent to an instance starts.</summary>
    public string EncodedServiceUrl { get; } = new PathString(definition.ServiceUrl).ToUriComponent();

    /// <summary><see cref="EncodedServiceUrl"/> without a trailing '/', to put the rest of a longer path after.</summary>
    public string EncodedServiceUrlBase { get; } = new PathString(definition.ServiceUrl).ToUriComponent().TrimEnd('/');
}
