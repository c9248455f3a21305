namespace ApiMlCluster.Discovery.Ownership;

/// <summary>
/// The certificate behind a Eureka change, as the service's entity judges it. Commands this node sends itself
/// (static definitions, its own caching service) and those of the installation's node certificates carry none:
/// they may change anything.
/// </summary>
/// <param name="Subject">The certificate's subject DN, which the instances it registers record as their owner.</param>
/// <param name="Listed">
/// The operator's <c>registration.owners</c> lists this certificate for the service, so it may manage every instance
/// of it; otherwise it has only claimed the service and may manage only what it registered.
/// </param>
internal sealed record Registrant(string Subject, bool Listed);
