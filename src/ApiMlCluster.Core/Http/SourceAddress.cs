using System.Net;
using System.Net.Sockets;

namespace ApiMlCluster.Core.Http;

/// <summary>The unit per-source limits count in.</summary>
public static class SourceAddress
{
    /// <summary>
    /// IPv4 as is (also when mapped into IPv6); IPv6 by its first 64 bits, the block one host or customer usually
    /// holds, so rotating addresses within it gains nothing.
    /// </summary>
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
