namespace ApiMlCluster.Gateway.PassTickets;

/// <summary>A PassTicket key configuration that cannot be used. The message names the APPLID, never the key.</summary>
public sealed class PassTicketConfigurationException(string message) : Exception(message);
