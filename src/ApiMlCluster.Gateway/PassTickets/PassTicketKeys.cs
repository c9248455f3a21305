using System.Globalization;
using System.Security.Cryptography;

namespace ApiMlCluster.Gateway.PassTickets;

/// <summary>
/// The PassTicket keys by APPLID, built once from configuration and checked then, so that a bad key stops the
/// node at start-up instead of failing sign-ons later. Error messages name the APPLID and what is wrong, never
/// any part of the key.
/// </summary>
internal sealed class PassTicketKeys : IDisposable
{
    private readonly Dictionary<string, PassTicketKey> byApplication;

    private PassTicketKeys(Dictionary<string, PassTicketKey> byApplication) => this.byApplication = byApplication;

    public static PassTicketKeys Create(IReadOnlyDictionary<string, PassTicketKeyConfig> configured)
    {
        var keys = new Dictionary<string, PassTicketKey>(StringComparer.OrdinalIgnoreCase);
        Span<byte> encoded = stackalloc byte[RacfNames.Length];
        try
        {
            foreach (var (applId, config) in configured)
            {
                if (!RacfNames.TryEncode(applId, encoded))
                {
                    throw new PassTicketConfigurationException(
                        $"PassTicket APPLID '{applId}' is not 1 to 8 characters of A-Z, 0-9, @, # and $.");
                }

                var name = applId.Trim().ToUpperInvariant();
                if (keys.ContainsKey(name))
                {
                    throw new PassTicketConfigurationException($"PassTicket APPLID '{name}' is configured more than once.");
                }

                keys.Add(name, CreateKey(name, config));
            }
        }
        catch
        {
            foreach (var key in keys.Values)
            {
                key.Dispose();
            }

            throw;
        }

        return new PassTicketKeys(keys);
    }

    public bool TryGet(ReadOnlySpan<char> applId, out PassTicketKey key)
    {
        var lookup = byApplication.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(applId.Trim(' '), out key!);
    }

    public IReadOnlyCollection<string> Applications => byApplication.Keys;

    public void Dispose()
    {
        foreach (var key in byApplication.Values)
        {
            key.Dispose();
        }
    }

    private static PassTicketKey CreateKey(string applId, PassTicketKeyConfig config)
    {
        var algorithm = ParseAlgorithm(applId, config.Algorithm);
        var key = ParseHex(applId, config.Key);
        try
        {
            return algorithm switch
            {
                PassTicketAlgorithm.Legacy => CreateLegacy(applId, key),
                _ => CreateEnhanced(applId, key, algorithm == PassTicketAlgorithm.EnhancedMixed),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static PassTicketAlgorithm ParseAlgorithm(string applId, string? algorithm) =>
        algorithm?.Trim().ToLowerInvariant() switch
        {
            "legacy" => PassTicketAlgorithm.Legacy,
            "enhanced" or "enhanced-upper" => PassTicketAlgorithm.EnhancedUpper,
            "enhanced-mixed" => PassTicketAlgorithm.EnhancedMixed,
            _ => throw new PassTicketConfigurationException(
                $"PassTicket APPLID '{applId}' has algorithm '{algorithm}'; expected legacy, enhanced or enhanced-mixed."),
        };

    private static byte[] ParseHex(string applId, string? hex)
    {
        var text = hex?.Trim() ?? string.Empty;
        if (text.Length == 0 || text.Length % 2 != 0 || !text.All(char.IsAsciiHexDigit))
        {
            // No detail beyond that: echoing the offending character would leak part of the key.
            throw new PassTicketConfigurationException(
                $"PassTicket key for APPLID '{applId}' is not an even number of hexadecimal digits.");
        }

        return Convert.FromHexString(text);
    }

    private static LegacyPassTicketKey CreateLegacy(string applId, byte[] key)
    {
        if (key.Length != LegacyPassTicketKey.KeyLength)
        {
            throw new PassTicketConfigurationException(string.Create(
                CultureInfo.InvariantCulture,
                $"Legacy PassTicket key for APPLID '{applId}' has {key.Length * 2} hex digits; a DES key needs 16."));
        }

        // .NET refuses DES weak and semi-weak keys; say so here rather than with a CryptographicException later.
        if (DES.IsWeakKey(key) || DES.IsSemiWeakKey(key))
        {
            throw new PassTicketConfigurationException(
                $"Legacy PassTicket key for APPLID '{applId}' is a DES weak or semi-weak key.");
        }

        return new LegacyPassTicketKey(new DesBlockCipher(key));
    }

    private static EnhancedPassTicketKey CreateEnhanced(string applId, byte[] key, bool mixedCase)
    {
        if (key.Length is < EnhancedPassTicketKey.MinKeyLength or > EnhancedPassTicketKey.MaxKeyLength)
        {
            throw new PassTicketConfigurationException(string.Create(
                CultureInfo.InvariantCulture,
                $"Enhanced PassTicket key for APPLID '{applId}' has {key.Length * 8} bits; expected 256 to 2048 (512 recommended)."));
        }

        return new EnhancedPassTicketKey(key.ToArray(), mixedCase);
    }
}
