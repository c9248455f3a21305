namespace ApiMlCluster.Discovery.Metadata;

/// <summary>
/// <c>apiml.apiInfo.&lt;n&gt;.&lt;field&gt;</c> and <c>apiml.apiInfo.&lt;n&gt;.codeSnippet.&lt;i&gt;.&lt;field&gt;</c>, grouped by
/// <c>&lt;n&gt;</c> as <c>EurekaMetadataParser.parseApiInfo</c> does.
/// </summary>
internal static class ApiInfoMetadataParser
{
    public static IReadOnlyList<ApiInfo> Parse(IReadOnlyDictionary<string, string> metadata, List<string> problems)
    {
        var entries = new SortedDictionary<string, Dictionary<string, string>>(Comparer<string>.Create(MetadataValues.CompareSegments));
        var snippets = new Dictionary<string, SortedDictionary<string, Dictionary<string, string>>>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            if (!key.StartsWith(MetadataKeys.ApiInfo + ".", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = key.Split('.');
            if (parts.Length < 4)
            {
                problems.Add($"{key}: not of the form apiml.apiInfo.<n>.<field>; ignored");
                continue;
            }

            var index = parts[2];
            if (!entries.TryGetValue(index, out var fields))
            {
                entries[index] = fields = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            if (parts[3] == MetadataKeys.CodeSnippet)
            {
                if (parts.Length != 6)
                {
                    problems.Add($"{key}: not of the form apiml.apiInfo.<n>.codeSnippet.<i>.<field>; ignored");
                    continue;
                }

                if (!snippets.TryGetValue(index, out var byNumber))
                {
                    snippets[index] = byNumber = new SortedDictionary<string, Dictionary<string, string>>(Comparer<string>.Create(MetadataValues.CompareSegments));
                }

                if (!byNumber.TryGetValue(parts[4], out var snippet))
                {
                    byNumber[parts[4]] = snippet = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                snippet[parts[5]] = value;
            }
            else if (parts.Length == 4)
            {
                fields[parts[3]] = value;
            }
            else
            {
                problems.Add($"{key}: not of the form apiml.apiInfo.<n>.<field>; ignored");
            }
        }

        var result = new List<ApiInfo>(entries.Count);
        foreach (var (index, fields) in entries)
        {
            result.Add(Build(index, fields, snippets.GetValueOrDefault(index), problems));
        }

        return result;
    }

    private static ApiInfo Build(string index, Dictionary<string, string> fields, SortedDictionary<string, Dictionary<string, string>>? snippets, List<string> problems)
    {
        var prefix = $"{MetadataKeys.ApiInfo}.{index}.";

        // Zowe drops the whole entry when a field is unknown (Jackson fails); one stray key should not hide an API here.
        foreach (var field in fields.Keys.Where(field => !KnownFields.Contains(field)).Order(StringComparer.Ordinal))
        {
            problems.Add($"{prefix}{field}: unknown apiInfo field; ignored");
        }

        var codeSnippets = new List<CodeSnippet>();
        foreach (var (number, snippet) in snippets ?? [])
        {
            foreach (var field in snippet.Keys.Where(field => field is not (MetadataKeys.CodeSnippetEndpoint or MetadataKeys.CodeSnippetCodeBlock or MetadataKeys.CodeSnippetLanguage)).Order(StringComparer.Ordinal))
            {
                problems.Add($"{prefix}{MetadataKeys.CodeSnippet}.{number}.{field}: unknown code snippet field; ignored");
            }

            codeSnippets.Add(new CodeSnippet(
                snippet.GetValueOrDefault(MetadataKeys.CodeSnippetEndpoint),
                snippet.GetValueOrDefault(MetadataKeys.CodeSnippetCodeBlock),
                snippet.GetValueOrDefault(MetadataKeys.CodeSnippetLanguage)));
        }

        return new ApiInfo
        {
            Key = index,
            ApiId = fields.GetValueOrDefault(MetadataKeys.ApiInfoApiId),
            Version = fields.GetValueOrDefault(MetadataKeys.ApiInfoVersion),
            GatewayUrl = fields.GetValueOrDefault(MetadataKeys.ApiInfoGatewayUrl),
            SwaggerUrl = fields.GetValueOrDefault(MetadataKeys.ApiInfoSwaggerUrl),
            GraphqlUrl = fields.GetValueOrDefault(MetadataKeys.ApiInfoGraphqlUrl),
            DocumentationUrl = fields.GetValueOrDefault(MetadataKeys.ApiInfoDocumentationUrl),
            DefaultApi = fields.TryGetValue(MetadataKeys.ApiInfoIsDefault, out var isDefault)
                && MetadataValues.ParseJavaBoolean(prefix + MetadataKeys.ApiInfoIsDefault, isDefault, problems),
            CodeSnippets = codeSnippets,
        };
    }

    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        MetadataKeys.ApiInfoApiId,
        MetadataKeys.ApiInfoVersion,
        MetadataKeys.ApiInfoGatewayUrl,
        MetadataKeys.ApiInfoSwaggerUrl,
        MetadataKeys.ApiInfoGraphqlUrl,
        MetadataKeys.ApiInfoDocumentationUrl,
        MetadataKeys.ApiInfoIsDefault,
    };
}
