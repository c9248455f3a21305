using System.Text.Json;
using ApiMlCluster.Core.Messages;

namespace ApiMlCluster.Core.Tests.Messages;

public sealed class MessageTemplateTests
{
    private static readonly MessageTemplate InvalidToken = new(
        "ZWEAG130E", "org.zowe.apiml.security.query.invalidToken", "Token is not valid for URL '%s'", 401);

    [Fact]
    public void View_SerializesInZoweShape_WithoutEmptyFields()
    {
        var json = JsonSerializer.Serialize(InvalidToken.View("/gateway/api/v1/auth/query"));

        Assert.Equal(
            """{"messages":[{"messageType":"ERROR","messageNumber":"ZWEAG130E","messageContent":"Token is not valid for URL \u0027/gateway/api/v1/auth/query\u0027","messageKey":"org.zowe.apiml.security.query.invalidToken"}]}""",
            json);
    }

    [Fact]
    public void Format_HtmlEscapesArguments()
    {
        var message = InvalidToken.Format("/x<script>alert(1)</script>");

        Assert.Equal("Token is not valid for URL '/x&lt;script&gt;alert(1)&lt;/script&gt;'", message.MessageContent);
    }

    [Fact]
    public void LogForm_IsNumberThenText()
    {
        Assert.Equal("ZWEAG130E Token is not valid for URL '/a'", InvalidToken.LogForm("/a"));
    }

    [Theory]
    [InlineData("ZWEAM700E", "ERROR")]
    [InlineData("ZWECS701W", "WARNING")]
    [InlineData("ZWEAM001I", "INFO")]
    public void Type_FollowsTheNumbersLastLetter(string number, string type)
    {
        Assert.Equal(type, new MessageTemplate(number, "k", "t", 200).Type);
    }
}
