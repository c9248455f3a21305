using System.Net;
using System.Text.Json;
using ApiMlCluster.Auth.Audit;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Node.Tests.Authorization;

/// <summary><c>GET /gateway/api/v1/audit</c> on a real node: records written through <see cref="IAuditTrail"/>, admins only.</summary>
[Collection(AuthorizationCollection.Name)]
public sealed class AuditEndpointTests(AuthorizationNode node)
{
    [Fact]
    public async Task Audit_RecordWrittenThroughTheTrail_ShownToTheAdminNewestFirst()
    {
        var trail = node.Node.Services.GetRequiredService<IAuditTrail>();
        var marker = Guid.NewGuid().ToString("N");
        trail.Record(new AuditRecord(DateTimeOffset.UtcNow, "pat.generate", "user", true, "127.0.0.1", ["svc"], 30, marker + "-1", null));
        trail.Record(new AuditRecord(DateTimeOffset.UtcNow, "pat.revoke", "user", true, "127.0.0.1", [], null, marker + "-2", null));

        JsonElement records = default;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await GetAsync("/gateway/api/v1/audit?limit=2", r => AuthorizationNode.Basic(r, "user", "user"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            records = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("records").Clone();
            return records.GetArrayLength() == 2 && records[0].GetProperty("subject").GetString() == marker + "-2";
        });

        Assert.Equal(marker + "-1", records[1].GetProperty("subject").GetString());
        Assert.Equal(("pat.generate", 30, "svc"), (records[1].GetProperty("action").GetString(), records[1].GetProperty("validityDays").GetInt32(), records[1].GetProperty("scopes")[0].GetString()));
        Assert.Contains(":", records[0].GetProperty("node").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_NonAdmin_403()
    {
        using var response = await GetAsync("/gateway/api/v1/audit", r => AuthorizationNode.Bearer(r, node.TokenFor("BOB")));

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAT403E");
    }

    [Fact]
    public async Task Audit_CertificateOfANonAdmin_403()
    {
        using var response = await node.CertificateClient.GetAsync(node.Gateway("/gateway/api/v1/audit"));

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAT403E");
    }

    [Fact]
    public async Task Audit_NoCaller_401()
    {
        using var response = await GetAsync("/gateway/api/v1/audit");

        await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAO402E");
    }

    [Theory]
    [InlineData("order=sideways")]
    [InlineData("limit=0")]
    [InlineData("limit=ten")]
    [InlineData("cursor=abc")]
    public async Task Audit_BadQuery_400(string query)
    {
        using var response = await GetAsync($"/gateway/api/v1/audit?{query}", r => AuthorizationNode.Bearer(r, node.TokenFor("user")));

        await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAO400E");
    }

    private Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestMessage>? shape = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, node.Gateway(path));
        shape?.Invoke(request);
        return node.Client.SendAsync(request);
    }
}
