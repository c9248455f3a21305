using System.Net;
using System.Text.Json;
using ApiMlCluster.TestSupport;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ApiMlCluster.Node.Tests.AccessTokens;

/// <summary>The PAT API (contract §2.1) on one real node over TLS: every endpoint, every refusal.</summary>
public sealed class PatEndpointTests(PatNode node) : IClassFixture<PatNode>
{
    [Fact]
    public async Task Generate_Basic_Answers200TextPlainWithZowesPatClaims()
    {
        using var response = await node.SendAsync(HttpMethod.Post, "/access-token/generate", """{"validity":7,"scopes":["JwtSvc","other"]}""", "ALICE");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var token = new JsonWebToken(await response.Content.ReadAsStringAsync());
        Assert.Equal(("RS256", "APIML_PAT", "ALICE", "APIML"), (token.Alg, token.Issuer, token.Subject, token.GetClaim("auth.prov").Value));
        Assert.Equal(["jwtsvc", "other"], token.GetPayloadValue<string[]>("scopes"));
        Assert.Equal(TimeSpan.FromDays(7), token.ValidTo - token.IssuedAt);
        Assert.True(Guid.TryParse(token.Id, out _));
        Assert.False(token.TryGetClaim("dom", out _));
    }

    [Fact]
    public async Task Generate_NoValidity_Is90Days()
    {
        using var response = await node.SendAsync(HttpMethod.Post, "/access-token/generate", """{"scopes":["a"]}""", "ALICE");

        var token = new JsonWebToken(await response.Content.ReadAsStringAsync());
        Assert.Equal(TimeSpan.FromDays(90), token.ValidTo - token.IssuedAt);
    }

    [Fact]
    public async Task Generate_TrustedMappedClientCertificate_GetsAPatForTheMappedUser()
    {
        using var response = await node.SendAsync(HttpMethod.Post, "/access-token/generate", """{"validity":1,"scopes":["a"]}""", client: node.CertificateClient);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ALICE", new JsonWebToken(await response.Content.ReadAsStringAsync()).Subject);
    }

    [Fact]
    public async Task Generate_V2Alias_Works()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, node.Url("/access-token/generate", "/gateway/auth"))
        {
            Content = new StringContent("""{"validity":1,"scopes":["a"]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String("ALICE:pat-Pw-1"u8.ToArray()));
        using var response = await node.Node.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Generate_WrongPassword_Is401InvalidCredentials()
    {
        using var response = await node.SendAsync(HttpMethod.Post, "/access-token/generate", """{"validity":1,"scopes":["a"]}""", "ALICE", "wrong");

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAG120E");
        Assert.Contains("/access-token/generate", message.GetProperty("messageContent").GetString());
    }

    [Fact]
    public async Task Generate_NoCredentials_Is401()
    {
        using var response = await node.SendAsync(HttpMethod.Post, "/access-token/generate", """{"validity":1,"scopes":["a"]}""");

        await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAG120E");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("91")]
    [InlineData("1.5")]
    [InlineData("\"10\"")]
    [InlineData("99999999999")]
    public async Task Generate_ValidityOutside1To90WholeDays_Is400SayingSo(string validity)
    {
        using var response = await node.SendAsync(HttpMethod.Post, "/access-token/generate", $$"""{"validity":{{validity}},"scopes":["a"]}""", "ALICE");

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAT605E");
        Assert.Contains("1 to 90", message.GetProperty("messageContent").GetString());
    }

    [Theory]
    [InlineData("""{"validity":5}""")]
    [InlineData("""{"validity":5,"scopes":[]}""")]
    [InlineData("""{"validity":5,"scopes":null}""")]
    [InlineData("")]
    public async Task Generate_MissingOrEmptyScopes_Is400MissingScopes(string body)
    {
        using var response = await node.SendAsync(HttpMethod.Post, "/access-token/generate", body, "ALICE");

        await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAT606E");
    }

    [Theory]
    [InlineData("""{"scopes":["Svc","svc"]}""", "more than once")]
    [InlineData("""{"scopes":[""]}""", "1 to 64")]
    [InlineData("""{"scopes":["has space"]}""", "1 to 64")]
    [InlineData("""{"scopes":[5]}""", "1 to 64")]
    [InlineData("""{"scopes":"svc"}""", "array")]
    [InlineData("""{"validity":5,"scopes":["a"]""", "not a JSON object")]
    [InlineData("not json", "not a JSON object")]
    [InlineData("[1]", "not a JSON object")]
    public async Task Generate_BadScopesOrMalformedJson_Is400InvalidBody(string body, string reason)
    {
        using var response = await node.SendAsync(HttpMethod.Post, "/access-token/generate", body, "ALICE");

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAT605E");
        Assert.Contains(reason, message.GetProperty("messageContent").GetString());
    }

    [Fact]
    public async Task Generate_OversizedScopes_Is400()
    {
        var tooMany = JsonSerializer.Serialize(new { scopes = Enumerable.Range(0, 65).Select(i => $"s{i}") });
        var tooLong = JsonSerializer.Serialize(new { scopes = new[] { new string('s', 65) } });
        var hugeBody = JsonSerializer.Serialize(new { scopes = new[] { "a" }, padding = new string('x', 20_000) });

        foreach (var (body, reason) in new[] { (tooMany, "at most 64"), (tooLong, "1 to 64"), (hugeBody, "larger than 16384") })
        {
            using var response = await node.SendAsync(HttpMethod.Post, "/access-token/generate", body, "ALICE");
            var message = await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAT605E");
            Assert.Contains(reason, message.GetProperty("messageContent").GetString());
        }
    }

    [Fact]
    public async Task Validate_InScopeOnly_204ElseOr401()
    {
        var pat = await node.GenerateAsync("ALICE", "jwtsvc", "other");

        Assert.Equal(HttpStatusCode.NoContent, await node.ValidateAsync(pat, "JWTSVC"));
        Assert.Equal(HttpStatusCode.Unauthorized, await node.ValidateAsync(pat, "third"));
        Assert.Equal(HttpStatusCode.Unauthorized, await node.ValidateAsync("a.b.c", "jwtsvc"));
    }

    [Fact]
    public async Task Validate_MissingServiceId_Is400()
    {
        using var response = await node.SendAsync(HttpMethod.Post, "/access-token/validate", """{"token":"x"}""");

        await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAT605E");
    }

    [Fact]
    public async Task Revoke_ValidPat_204ThenInvalidAndASecondRevokeIs401()
    {
        var pat = await node.GenerateAsync("ALICE", "jwtsvc");

        using var first = await node.SendAsync(HttpMethod.Delete, "/access-token/revoke", $$"""{"token":"{{pat}}"}""");
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await node.ValidateAsync(pat, "jwtsvc"));

        using var second = await node.SendAsync(HttpMethod.Delete, "/access-token/revoke", $$"""{"token":"{{pat}}"}""");
        await AuthApi.MessageAsync(second, HttpStatusCode.Unauthorized, "ZWEAG130E");
    }

    [Theory]
    [InlineData("""{"token":"not-a-jwt"}""", "not a JSON Web Token")]
    [InlineData("""{"token":""}""", "token is missing")]
    [InlineData("""{}""", "token is missing")]
    [InlineData("garbage", "not a JSON object")]
    public async Task Revoke_MalformedTokenOrBody_Is400InvalidRevokeBody(string body, string reason)
    {
        using var response = await node.SendAsync(HttpMethod.Delete, "/access-token/revoke", body);

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAT607E");
        Assert.Contains(reason, message.GetProperty("messageContent").GetString());
    }

    [Fact]
    public async Task Revoke_SessionToken_Is401AndTheSessionStaysValid()
    {
        var session = await new AuthApi(node.Node.Client, node.GatewayPort).TokenAsync("ALICE", PatNode.Password);

        using var response = await node.SendAsync(HttpMethod.Delete, "/access-token/revoke", $$"""{"token":"{{session}}"}""");

        await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAG130E");
        using var query = await new AuthApi(node.Node.Client, node.GatewayPort).QueryAsync(session);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
    }

    [Fact]
    public async Task SessionEndpoints_PatAsSessionToken_AreRefused()
    {
        var pat = await node.GenerateAsync("ALICE", "jwtsvc");
        var api = new AuthApi(node.Node.Client, node.GatewayPort);

        using var query = await api.SendWithBearerAsync(HttpMethod.Get, "/query", pat);
        using var logout = await api.SendWithBearerAsync(HttpMethod.Post, "/logout", pat);

        await AuthApi.MessageAsync(query, HttpStatusCode.Unauthorized, "ZWEAG130E");
        await AuthApi.MessageAsync(logout, HttpStatusCode.Unauthorized, "ZWEAG130E");
        Assert.Equal(HttpStatusCode.NoContent, await node.ValidateAsync(pat, "jwtsvc"));
    }

    [Fact]
    public async Task RevokeOwnTokens_Basic_RevokesTheCallersEarlierPatsOnly()
    {
        var bobs = await node.GenerateAsync("BOB", "jwtsvc");
        var alices = await node.GenerateAsync("ALICE", "jwtsvc");

        using var response = await node.SendAsync(HttpMethod.Delete, "/access-token/revoke/tokens", user: "BOB");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await node.ValidateAsync(bobs, "jwtsvc"));
        Assert.Equal(HttpStatusCode.NoContent, await node.ValidateAsync(alices, "jwtsvc"));
    }

    [Fact]
    public async Task RevokeOwnTokens_TimestampBeforeThePat_KeepsIt()
    {
        var pat = await node.GenerateAsync("DAVE", "jwtsvc");

        using var response = await node.SendAsync(HttpMethod.Delete, "/access-token/revoke/tokens", """{"timestamp":1000}""", "DAVE");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, await node.ValidateAsync(pat, "jwtsvc"));
    }

    [Fact]
    public async Task RevokeOwnTokens_NoCredentialsOrBadTimestamp_Refused()
    {
        using var anonymous = await node.SendAsync(HttpMethod.Delete, "/access-token/revoke/tokens");
        using var negative = await node.SendAsync(HttpMethod.Delete, "/access-token/revoke/tokens", """{"timestamp":-1}""", "DAVE");

        await AuthApi.MessageAsync(anonymous, HttpStatusCode.Unauthorized, "ZWEAG120E");
        await AuthApi.MessageAsync(negative, HttpStatusCode.BadRequest, "ZWEAT607E");
    }

    [Fact]
    public async Task RevokeUser_AdminWithRead_RevokesThatUsersPats()
    {
        var pat = await node.GenerateAsync("CAROL", "jwtsvc");

        using var response = await node.SendAsync(HttpMethod.Delete, "/access-token/revoke/tokens/user", """{"userId":"carol"}""", "READER");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await node.ValidateAsync(pat, "jwtsvc"));
    }

    [Fact]
    public async Task RevokeUser_WithoutSafAccess_Is403()
    {
        using var response = await node.SendAsync(HttpMethod.Delete, "/access-token/revoke/tokens/user", """{"userId":"ALICE"}""", "BOB");

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAT403E");
        Assert.Contains("APIML.SERVICES", message.GetProperty("messageContent").GetString());
    }

    [Theory]
    [InlineData("/access-token/revoke/tokens/user", """{"timestamp":5}""")]
    [InlineData("/access-token/revoke/tokens/user", "")]
    [InlineData("/access-token/revoke/tokens/user", """{"userId":""}""")]
    [InlineData("/access-token/revoke/tokens/scope", """{"userId":"x"}""")]
    [InlineData("/access-token/revoke/tokens/scope", "not json")]
    public async Task RevokeByRule_MissingSubject_Is400InvalidRevokeBody(string path, string body)
    {
        using var response = await node.SendAsync(HttpMethod.Delete, path, body, "ADMIN");

        await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAT607E");
    }

    [Fact]
    public async Task RevokeUser_UnknownToTheFileProvider_Is404()
    {
        using var response = await node.SendAsync(HttpMethod.Delete, "/access-token/revoke/tokens/user", """{"userId":"NOBODY"}""", "ADMIN");

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.NotFound, "ZWEAO404E");
        Assert.Contains("'NOBODY' is not known", message.GetProperty("messageContent").GetString());
    }

    [Fact]
    public async Task RevokeScope_AdminWithRead_RevokesPatsWithThatScope()
    {
        var scoped = await node.GenerateAsync("ALICE", "scoperevoked", "keep");
        var other = await node.GenerateAsync("ALICE", "keep");

        using var response = await node.SendAsync(HttpMethod.Delete, "/access-token/revoke/tokens/scope", """{"serviceId":"ScopeRevoked"}""", "READER");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await node.ValidateAsync(scoped, "keep"));
        Assert.Equal(HttpStatusCode.NoContent, await node.ValidateAsync(other, "keep"));
    }

    [Fact]
    public async Task RevokeScope_WithoutSafAccess_Is403()
    {
        using var response = await node.SendAsync(HttpMethod.Delete, "/access-token/revoke/tokens/scope", """{"serviceId":"x"}""", "ALICE");

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAT403E");
    }

    [Fact]
    public async Task Evict_NeedsUpdate_ReadIs403AdminIs204()
    {
        using var reader = await node.SendAsync(HttpMethod.Delete, "/access-token/evict", user: "READER");
        using var admin = await node.SendAsync(HttpMethod.Delete, "/access-token/evict", user: "ADMIN");
        using var anonymous = await node.SendAsync(HttpMethod.Delete, "/access-token/evict");

        await AuthApi.MessageAsync(reader, HttpStatusCode.Forbidden, "ZWEAT403E");
        Assert.Equal(HttpStatusCode.NoContent, admin.StatusCode);
        await AuthApi.MessageAsync(anonymous, HttpStatusCode.Unauthorized, "ZWEAG120E");
    }

    [Theory]
    [InlineData("GET", "/access-token/generate")]
    [InlineData("DELETE", "/access-token/validate")]
    [InlineData("POST", "/access-token/revoke")]
    [InlineData("GET", "/access-token/revoke/tokens/user")]
    [InlineData("POST", "/access-token/evict")]
    public async Task WrongMethod_Is405InvalidMethod(string method, string path)
    {
        using var response = await node.SendAsync(new HttpMethod(method), path);

        await AuthApi.MessageAsync(response, HttpStatusCode.MethodNotAllowed, "ZWEAG101E");
    }
}
