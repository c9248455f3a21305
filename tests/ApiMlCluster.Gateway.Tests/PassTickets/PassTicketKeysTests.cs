using ApiMlCluster.Gateway.PassTickets;

namespace ApiMlCluster.Gateway.Tests.PassTickets;

public sealed class PassTicketKeysTests
{
    [Fact]
    public void Create_ValidConfiguration_KnowsEachApplicationCaseInsensitively()
    {
        using var keys = TestKeys.All();

        Assert.True(keys.TryGet("tso", out var legacy));
        Assert.True(keys.TryGet("CicsProd", out var upper));
        Assert.True(keys.TryGet("ZOWEAPPL", out var mixed));
        Assert.Equal(
            [PassTicketAlgorithm.Legacy, PassTicketAlgorithm.EnhancedUpper, PassTicketAlgorithm.EnhancedMixed],
            [legacy.Algorithm, upper.Algorithm, mixed.Algorithm]);
    }

    [Theory]
    [InlineData("legacy", "0E329232EA6D0D")]
    [InlineData("legacy", "0E329232EA6D0D7301")]
    [InlineData("enhanced", "00112233445566778899AABBCCDDEEFF")]
    public void Create_KeyOfWrongLength_NamesApplicationButNotKey(string algorithm, string key)
    {
        var error = CreateFails("PAYROLL", algorithm, key);

        Assert.Contains("PAYROLL", error.Message);
        Assert.DoesNotContain(key, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Create_KeyWithNonHexCharacter_NamesApplicationButNotKey()
    {
        var error = CreateFails("PAYROLL", "legacy", "0E329232EA6D0DZ3");

        Assert.Contains("PAYROLL", error.Message);
        Assert.DoesNotContain("0E32", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Z", error.Message.Replace("PAYROLL", string.Empty), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_EmptyKey_Fails()
    {
        CreateFails("PAYROLL", "legacy", "");
    }

    [Fact]
    public void Create_WeakDesKey_Fails()
    {
        var error = CreateFails("PAYROLL", "legacy", "0101010101010101");

        Assert.Contains("weak", error.Message);
    }

    [Fact]
    public void Create_EnhancedKeyOf2048Bits_IsAccepted()
    {
        using var keys = PassTicketKeys.Create(new Dictionary<string, PassTicketKeyConfig>
        {
            ["PAYROLL"] = new("enhanced", new string('A', 512)),
        });

        Assert.True(keys.TryGet("PAYROLL", out _));
    }

    [Fact]
    public void Create_EnhancedKeyOver2048Bits_Fails()
    {
        CreateFails("PAYROLL", "enhanced", new string('A', 514));
    }

    [Fact]
    public void Create_UnknownAlgorithm_NamesApplication()
    {
        var error = CreateFails("PAYROLL", "keyed", TestKeys.LegacyHex);

        Assert.Contains("PAYROLL", error.Message);
    }

    [Theory]
    [InlineData("TOOLONGAPPL")]
    [InlineData("PAY-ROLL")]
    [InlineData("")]
    public void Create_InvalidApplicationName_Fails(string applId)
    {
        CreateFails(applId, "legacy", TestKeys.LegacyHex);
    }

    [Fact]
    public void Create_SameApplicationInTwoCases_Fails()
    {
        Assert.Throws<PassTicketConfigurationException>(() => PassTicketKeys.Create(new Dictionary<string, PassTicketKeyConfig>
        {
            ["tso"] = new("legacy", TestKeys.LegacyHex),
            ["TSO"] = new("legacy", TestKeys.LegacyHex),
        }));
    }

    [Fact]
    public void ToString_OfConfiguredKey_HidesKey()
    {
        var config = new PassTicketKeyConfig("legacy", TestKeys.LegacyHex);
        using var keys = TestKeys.All();
        keys.TryGet("TSO", out var key);

        Assert.DoesNotContain(TestKeys.LegacyHex, config.ToString());
        Assert.DoesNotContain(TestKeys.LegacyHex, key.ToString()!);
    }

    private static PassTicketConfigurationException CreateFails(string applId, string algorithm, string key) =>
        Assert.Throws<PassTicketConfigurationException>(() => PassTicketKeys.Create(new Dictionary<string, PassTicketKeyConfig>
        {
            [applId] = new(algorithm, key),
        }));
}
