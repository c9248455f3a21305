using System.Globalization;
using System.Net;

namespace ApiMlCluster.Core.Messages;

/// <summary>
/// A Zowe message definition: number (with its type letter), key, text with <c>%s</c> placeholders and the HTTP
/// status it answers with. Arguments are HTML-escaped like Zowe's (escapeHtml4), since clients may render them.
/// </summary>
public sealed record MessageTemplate(string Number, string Key, string Text, int Status, string? Action = null, string? Reason = null)
{
    public string Type => Number[^1] switch
    {
        'E' => "ERROR",
        'W' => "WARNING",
        'I' => "INFO",
        'D' => "DEBUG",
        'T' => "TRACE",
        _ => "ERROR",
    };

    public ApiMessage Format(params object?[] arguments)
    {
        var content = Text;
        foreach (var argument in arguments)
        {
            var at = content.IndexOf("%s", StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            var value = WebUtility.HtmlEncode(Convert.ToString(argument, CultureInfo.InvariantCulture) ?? "null");
            content = string.Concat(content.AsSpan(0, at), value, content.AsSpan(at + 2));
        }

        return new ApiMessage(Type, Number, content, Key, Action, Reason);
    }

    public ApiMessageView View(params object?[] arguments) => new([Format(arguments)]);

    /// <summary>The log form, also used in <c>X-Zowe-Auth-Failure</c>: "ZWEAG160E No authentication ...".</summary>
    public string LogForm(params object?[] arguments) => $"{Number} {Format(arguments).MessageContent}";
}
