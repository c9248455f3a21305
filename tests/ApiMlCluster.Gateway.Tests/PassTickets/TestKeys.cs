using ApiMlCluster.Gateway.PassTickets;

namespace ApiMlCluster.Gateway.Tests.PassTickets;

/// <summary>Fixed, made-up keys so that every test is deterministic.</summary>
internal static class TestKeys
{
    public const string LegacyHex = "0E329232EA6D0D73";
    public static readonly string EnhancedHex = Convert.ToHexString(Enumerable.Range(0, 64).Select(i => (byte)((i * 37) + 11)).ToArray());

    public static PassTicketKeys All() => PassTicketKeys.Create(new Dictionary<string, PassTicketKeyConfig>
    {
        ["TSO"] = new("legacy", LegacyHex),
        ["CICSPROD"] = new("enhanced", EnhancedHex),
        ["ZOWEAPPL"] = new("enhanced-mixed", EnhancedHex),
    });

    public static byte[] Names(string user, string application)
    {
        var names = new byte[16];
        Assert.True(RacfNames.TryEncode(user, names.AsSpan(0, 8)));
        Assert.True(RacfNames.TryEncode(application, names.AsSpan(8, 8)));
        return names;
    }
}
