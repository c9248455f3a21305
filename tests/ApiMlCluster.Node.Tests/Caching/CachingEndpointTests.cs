using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApiMlCluster.Caching.Storage;
using ApiMlCluster.Node.Cluster.Membership;
using Microsoft.Extensions.DependencyInjection;
using ApiMlCluster.Node.Tests.Support;

namespace ApiMlCluster.Node.Tests.Caching;

/// <summary>The cache map of the caching REST API on a real node's caching port, called directly with client certificates.</summary>
public sealed class CachingEndpointTests(CachingNode fixture) : IClassFixture<CachingNode>, IDisposable
{
    private readonly HttpClient alpha = fixture.Client(fixture.Alpha);

    // Each test its own namespace (X-CS-Service-ID), so tests sharing the node do not see each other's keys.
    private readonly string service = "svc-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => alpha.Dispose();

    [Fact]
    public async Task Post_NewKey_Is201AndGetAnswersZowesShapeInTheCertificatesNamespace()
    {
        using var created = await SendAsync(HttpMethod.Post, "/cache", """{"key":"greeting","value":"hello, wörld"}""");
        using var read = await SendAsync(HttpMethod.Get, "/cache/greeting");
        var entry = await JsonAsync(read);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(("greeting", "hello, wörld", $"{fixture.Alpha.Subject}, SERVICE={service}"), (entry.GetProperty("key").GetString(), entry.GetProperty("value").GetString(), entry.GetProperty("serviceId").GetString()));
        Assert.InRange(long.Parse(entry.GetProperty("created").GetString()!), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Get_AtANodeCutOffFromTheMajority_Is503BecauseItsCopyMayBeStale()
    {
        (await SendAsync(HttpMethod.Post, "/cache", """{"key":"k","value":"1"}""")).Dispose();
        var view = fixture.Node.Services.GetRequiredService<MembershipView>();
        var own = view.Current;
        var self = Assert.Single(own.Members);
        view.Publish(own with { Members = [self, self with { Address = "akka.tcp://apiml-test@127.0.0.1:1", Reachable = false }, self with { Address = "akka.tcp://apiml-test@127.0.0.1:2", Reachable = false }] });
        try
        {
            using var read = await SendAsync(HttpMethod.Get, "/cache/k");

            var content = await AssertMessageAsync(read, HttpStatusCode.ServiceUnavailable, "ZWEAO503E");
            Assert.Contains("stale", content);
        }
        finally
        {
            view.Publish(own);
        }

        using var after = await SendAsync(HttpMethod.Get, "/cache/k");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Post_ExistingKey_Is409ZWECS133E()
    {
        (await SendAsync(HttpMethod.Post, "/cache", """{"key":"k","value":"1"}""")).Dispose();

        using var second = await SendAsync(HttpMethod.Post, "/cache", """{"key":"k","value":"2"}""");

        await AssertMessageAsync(second, HttpStatusCode.Conflict, "ZWECS133E");
    }

    [Fact]
    public async Task Post_TwoConcurrentCreatesOfOneKey_ExactlyOneIs201AndTheOther409()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => SendAsync(HttpMethod.Post, "/cache", $$"""{"key":"race","value":"{{i}}"}""")));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
    }

    [Fact]
    public async Task Post_TwentyConcurrentCreatesOfOneKey_ExactlyOneIs201()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SendAsync(HttpMethod.Post, "/cache", $$"""{"key":"race","value":"{{i}}"}""")));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(19, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Put_ExistingKey_Is204AndReplacesTheValue()
    {
        (await SendAsync(HttpMethod.Post, "/cache", """{"key":"k","value":"old"}""")).Dispose();

        using var updated = await SendAsync(HttpMethod.Put, "/cache", """{"key":"k","value":"new"}""");
        using var read = await SendAsync(HttpMethod.Get, "/cache/k");

        Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
        Assert.Equal("new", (await JsonAsync(read)).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Put_UnknownKey_Is404ZWECS131E()
    {
        using var response = await SendAsync(HttpMethod.Put, "/cache", """{"key":"nothing","value":"v"}""");

        await AssertMessageAsync(response, HttpStatusCode.NotFound, "ZWECS131E");
    }

    [Fact]
    public async Task Get_UnknownKey_Is404ZWECS131E()
    {
        using var response = await SendAsync(HttpMethod.Get, "/cache/nothing");

        await AssertMessageAsync(response, HttpStatusCode.NotFound, "ZWECS131E");
    }

    [Fact]
    public async Task Delete_ExistingKey_Is204AndTheKeyIsGone()
    {
        (await SendAsync(HttpMethod.Post, "/cache", """{"key":"k","value":"v"}""")).Dispose();

        using var deleted = await SendAsync(HttpMethod.Delete, "/cache/k");
        using var read = await SendAsync(HttpMethod.Get, "/cache/k");

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (deleted.StatusCode, read.StatusCode));
    }

    [Fact]
    public async Task Delete_UnknownKey_Is404ZWECS131E()
    {
        using var response = await SendAsync(HttpMethod.Delete, "/cache/nothing");

        await AssertMessageAsync(response, HttpStatusCode.NotFound, "ZWECS131E");
    }

    [Fact]
    public async Task GetAll_AnswersEveryEntryOfTheNamespaceByKey()
    {
        foreach (var key in new[] { "a", "b", "c" })
        {
            (await SendAsync(HttpMethod.Post, "/cache", $$"""{"key":"{{key}}","value":"v-{{key}}"}""")).Dispose();
        }

        using var response = await SendAsync(HttpMethod.Get, "/cache");
        var all = await JsonAsync(response);

        Assert.Equal(["a", "b", "c"], all.EnumerateObject().Select(p => p.Name));
        Assert.Equal("v-b", all.GetProperty("b").GetProperty("value").GetString());
    }

    [Fact]
    public async Task DeleteAll_Is200AndEmptiesOnlyTheCallersNamespace()
    {
        (await SendAsync(HttpMethod.Post, "/cache", """{"key":"mine","value":"v"}""")).Dispose();
        using var beta = fixture.Client(fixture.Beta);
        (await SendAsync(HttpMethod.Post, "/cache", """{"key":"theirs","value":"v"}""", beta)).Dispose();

        using var cleared = await SendAsync(HttpMethod.Delete, "/cache");

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Empty((await JsonAsync(await SendAsync(HttpMethod.Get, "/cache"))).EnumerateObject());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/cache/theirs", client: beta)).StatusCode);
    }

    [Fact]
    public async Task Namespaces_TwoCertificates_DoNotSeeEachOthersKeys()
    {
        (await SendAsync(HttpMethod.Post, "/cache", """{"key":"k","value":"alpha's"}""")).Dispose();
        using var beta = fixture.Client(fixture.Beta);

        using var read = await SendAsync(HttpMethod.Get, "/cache/k", client: beta);
        using var create = await SendAsync(HttpMethod.Post, "/cache", """{"key":"k","value":"beta's"}""", beta);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Created), (read.StatusCode, create.StatusCode));
    }

    [Fact]
    public async Task Namespaces_DistinguishedNameHeaderFromAServiceCertificate_IsIgnored()
    {
        (await SendAsync(HttpMethod.Post, "/cache", """{"key":"k","value":"alpha's"}""")).Dispose();
        using var beta = fixture.Client(fixture.Beta);

        using var read = await SendAsync(HttpMethod.Get, "/cache/k", client: beta, distinguishedName: fixture.Alpha.Subject);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Namespaces_DistinguishedNameHeaderFromTheApimlCertificate_IsTheCallersNamespace()
    {
        (await SendAsync(HttpMethod.Post, "/cache", """{"key":"k","value":"alpha's"}""")).Dispose();
        using var gateway = fixture.Client(fixture.ApimlCertificate);

        using var read = await SendAsync(HttpMethod.Get, "/cache/k", client: gateway, distinguishedName: fixture.Alpha.Subject);

        Assert.Equal("alpha's", (await JsonAsync(read)).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Namespaces_DistinguishedNameHeaderFromALookalikeOfTheNodeCertificate_IsIgnored()
    {
        (await SendAsync(HttpMethod.Post, "/cache", """{"key":"k","value":"alpha's"}""")).Dispose();
        Assert.Equal(fixture.ApimlCertificate.Subject, fixture.Lookalike.Subject);
        using var lookalike = fixture.Client(fixture.Lookalike);

        using var read = await SendAsync(HttpMethod.Get, "/cache/k", client: lookalike, distinguishedName: fixture.Alpha.Subject);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Namespaces_ApimlCertificateWithoutDistinguishedNameHeader_Is401ZWECS702E()
    {
        // The gateway forwarding a caller that presented no certificate: not the APIML's own namespace.
        using var gateway = fixture.Client(fixture.ApimlCertificate);

        using var response = await SendAsync(HttpMethod.Get, "/cache", client: gateway);

        await AssertMessageAsync(response, HttpStatusCode.Unauthorized, "ZWECS702E");
    }

    [Fact]
    public async Task Request_WithoutClientCertificate_Is401ZWECS702E()
    {
        using var anonymous = fixture.Client(null);

        using var response = await SendAsync(HttpMethod.Get, "/cache", client: anonymous, distinguishedName: fixture.Alpha.Subject);

        await AssertMessageAsync(response, HttpStatusCode.Unauthorized, "ZWECS702E");
    }

    [Fact]
    public async Task Request_WithUntrustedCertificate_Is403()
    {
        using var untrusted = fixture.Client(ServiceCertificates.SelfSigned("intruder"));

        using var response = await SendAsync(HttpMethod.Post, "/cache", """{"key":"k","value":"v"}""", untrusted);

        await AssertMessageAsync(response, HttpStatusCode.Forbidden, "ZWEAT403E");
    }

    [Theory]
    [InlineData("{\"key\":\"k\",\"value\":", "not JSON")]
    [InlineData("[1,2]", "No KeyValue provided in the payload")]
    [InlineData("{\"value\":\"v\"}", "No key provided in the payload")]
    [InlineData("{\"key\":\"k\"}", "No value provided in the payload")]
    [InlineData("{\"key\":\"k\",\"value\":null}", "No value provided in the payload")]
    [InlineData("{\"key\":\"\",\"value\":\"v\"}", "The key must have")]
    [InlineData("", "not JSON")]
    public async Task Post_InvalidPayload_Is400ZWECS130E(string body, string problem)
    {
        using var response = await SendAsync(HttpMethod.Post, "/cache", body);

        var message = await AssertMessageAsync(response, HttpStatusCode.BadRequest, "ZWECS130E");
        Assert.Contains(problem, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ValueOverTheLimit_Is400ZWECS137EAndNothingIsStored()
    {
        var value = new string('é', (CachingNode.MaxValueBytes / 2) + 1);

        using var response = await SendAsync(HttpMethod.Post, "/cache", $$"""{"key":"big","value":"{{value}}"}""");

        await AssertMessageAsync(response, HttpStatusCode.BadRequest, "ZWECS137E");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/cache/big")).StatusCode);
    }

    [Fact]
    public async Task Post_BodyOverTheReadLimit_Is413ZWECS138E()
    {
        using var response = await SendAsync(HttpMethod.Post, "/cache", $$"""{"key":"huge","value":"{{new string('x', 100_000)}}"}""");

        await AssertMessageAsync(response, HttpStatusCode.RequestEntityTooLarge, "ZWECS138E");
    }

    [Fact]
    public async Task Post_KeyIntoAFullBucket_Is507ZWECS134E()
    {
        // 32 entries per namespace are 2 per bucket: the third key of one bucket finds it full.
        var keys = Enumerable.Range(0, 1000).Select(i => $"key{i}").Where(k => BucketAddress.Bucket(k) == 0).Take(3).ToList();
        foreach (var key in keys.Take(2))
        {
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/cache", $$"""{"key":"{{key}}","value":"v"}""")).StatusCode);
        }

        using var full = await SendAsync(HttpMethod.Post, "/cache", $$"""{"key":"{{keys[2]}}","value":"v"}""");
        using var otherBucket = await SendAsync(HttpMethod.Post, "/cache", """{"key":"elsewhere","value":"v"}""");

        await AssertMessageAsync(full, HttpStatusCode.InsufficientStorage, "ZWECS134E");
        Assert.Equal(HttpStatusCode.Created, otherBucket.StatusCode);
    }

    [Fact]
    public async Task Post_ToMoreServiceIdsThanTheCertificatesQuota_Is507WhileItsOwnNamespacesStillWork()
    {
        using var gamma = fixture.Client(fixture.Gamma);
        for (var i = 0; i < CachingNode.MaxServiceIds; i++)
        {
            using var created = await SendAsync(HttpMethod.Post, "/cache", """{"key":"k","value":"v"}""", gamma, serviceId: $"quota-{i}");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var refused = await SendAsync(HttpMethod.Post, "/cache", """{"key":"k","value":"v"}""", gamma, serviceId: "quota-one-more");
        using var refusedList = await SendAsync(HttpMethod.Post, "/cache-list/m", """{"key":"k","value":"v"}""", gamma, serviceId: "quota-list");
        using var readNew = await SendAsync(HttpMethod.Get, "/cache/k", client: gamma, serviceId: "quota-one-more");
        using var updateHeld = await SendAsync(HttpMethod.Put, "/cache", """{"key":"k","value":"w"}""", gamma, serviceId: "quota-0");
        using var otherCertificate = await SendAsync(HttpMethod.Post, "/cache", """{"key":"k","value":"v"}""", serviceId: "quota-one-more");

        var text = await AssertMessageAsync(refused, HttpStatusCode.InsufficientStorage, "ZWECS134E");
        Assert.Contains($"{CachingNode.MaxServiceIds} X-CS-Service-ID namespaces", text, StringComparison.Ordinal);
        await AssertMessageAsync(refusedList, HttpStatusCode.InsufficientStorage, "ZWECS134E");
        await AssertMessageAsync(readNew, HttpStatusCode.NotFound, "ZWECS131E");
        Assert.Equal(HttpStatusCode.NoContent, updateHeld.StatusCode);
        Assert.Equal(HttpStatusCode.Created, otherCertificate.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, HttpClient? client = null, string? distinguishedName = null, string? serviceId = null)
    {
        using var request = new HttpRequestMessage(method, fixture.Url(path));
        request.Headers.Add("X-CS-Service-ID", serviceId ?? service);
        if (distinguishedName is not null)
        {
            request.Headers.Add("X-Certificate-DistinguishedName", distinguishedName);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await (client ?? alpha).SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<string> AssertMessageAsync(HttpResponseMessage response, HttpStatusCode status, string number)
    {
        var message = (await JsonAsync(response)).GetProperty("messages")[0];
        Assert.Equal((status, number), (response.StatusCode, message.GetProperty("messageNumber").GetString()));
        return message.GetProperty("messageContent").GetString()!;
    }
}
