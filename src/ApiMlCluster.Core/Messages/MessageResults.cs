using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Core.Messages;

/// <summary>Endpoint results in Zowe's message format.</summary>
public static class MessageResults
{
    public static IResult Message(MessageTemplate message, params object?[] arguments) =>
        Results.Json(message.View(arguments), statusCode: message.Status);
}
