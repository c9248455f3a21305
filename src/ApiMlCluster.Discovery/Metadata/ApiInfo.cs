namespace ApiMlCluster.Discovery.Metadata;

/// <summary>One <c>apiml.apiInfo.&lt;n&gt;</c> entry (Zowe's <c>ApiInfo</c>).</summary>
internal sealed record ApiInfo
{
    /// <summary>The <c>&lt;n&gt;</c> key segment; enablers use the encoded gatewayUrl, static definitions too.</summary>
    public string Key { get; init; } = string.Empty;

    public string? ApiId { get; init; }

    public string? Version { get; init; }

    public string? GatewayUrl { get; init; }

    public string? SwaggerUrl { get; init; }

    public string? GraphqlUrl { get; init; }

    public string? DocumentationUrl { get; init; }

    public bool DefaultApi { get; init; }

    public IReadOnlyList<CodeSnippet> CodeSnippets { get; init; } = [];
}

/// <summary><c>apiml.apiInfo.&lt;n&gt;.codeSnippet.&lt;i&gt;.{endpoint,codeBlock,language}</c>.</summary>
internal sealed record CodeSnippet(string? Endpoint, string? CodeBlock, string? Language);
