namespace ApiMlCluster.Discovery.Metadata;

/// <summary>
/// One <c>apiml.routes.&lt;name&gt;</c> pair: requests to <c>/{serviceId}/{GatewayUrl}/**</c> go to <c>{ServiceUrl}/**</c>.
/// <see cref="GatewayUrl"/> has no leading or trailing slash; <see cref="ServiceUrl"/> always starts with one.
/// </summary>
internal sealed record RouteDefinition(string GatewayUrl, string ServiceUrl)
{
    /// <summary>The <c>&lt;name&gt;</c> segment of the metadata keys; only useful in messages.</summary>
    public string Name { get; init; } = string.Empty;
}
