namespace ApiMlCluster.Discovery;

/// <summary>Marks the discovery context's cluster messages and journal events; they use <see cref="DiscoverySerializer"/>.</summary>
internal interface IDiscoveryMessage;
