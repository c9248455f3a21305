namespace ApiMlCluster.Gateway;

/// <summary>Marks the gateway context's cluster messages and journal events; they use <see cref="GatewaySerializer"/>.</summary>
internal interface IGatewayMessage;
