using System.Text;
using ApiMlCluster.Gateway.PassTickets;

namespace ApiMlCluster.Gateway.Tests.PassTickets;

public sealed class RacfNamesTests
{
    private const string Accepted = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@#$";

    [Fact]
    public void TryEncode_ShortUserId_PadsWithEbcdicBlanks()
    {
        // IBM's time-coder example: TOM is X'E3D6D4'.
        Assert.Equal("E3D6D44040404040", Encode("TOM"));
    }

    [Fact]
    public void TryEncode_EightCharacters_FillsField()
    {
        Assert.Equal("C9C2D4E4E2C5D9F1", Encode("IBMUSER1"));
    }

    [Fact]
    public void TryEncode_LowerCase_FoldsToUpperCase()
    {
        Assert.Equal(Encode("IBMUSER"), Encode("ibmUser"));
    }

    [Fact]
    public void TryEncode_TrailingBlanks_AreIgnored()
    {
        Assert.Equal(Encode("TSO"), Encode("TSO     "));
    }

    [Theory]
    [InlineData(37)]
    [InlineData(1047)]
    public void TryEncode_AcceptedCharacters_MatchIbmCodePage(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var ebcdic = Encoding.GetEncoding(codePage);
        foreach (var chunk in Accepted.Chunk(8))
        {
            var name = new string(chunk);
            Assert.Equal(Convert.ToHexString(ebcdic.GetBytes(name.PadRight(8))), Encode(name));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("NINECHARS")]
    [InlineData("A-B")]
    [InlineData("A B")]
    [InlineData("ÄRGER")]
    public void TryEncode_InvalidName_ReturnsFalse(string name)
    {
        Assert.False(RacfNames.TryEncode(name, new byte[8]));
    }

    private static string Encode(string name)
    {
        var field = new byte[8];
        Assert.True(RacfNames.TryEncode(name, field));
        return Convert.ToHexString(field);
    }
}
