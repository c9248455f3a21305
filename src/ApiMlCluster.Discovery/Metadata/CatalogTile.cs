namespace ApiMlCluster.Discovery.Metadata;

/// <summary><c>apiml.catalog.tile.*</c>: the API Catalog group a service is shown in.</summary>
internal sealed record CatalogTile(string? Id, string? Title, string? Description, string? Version);
