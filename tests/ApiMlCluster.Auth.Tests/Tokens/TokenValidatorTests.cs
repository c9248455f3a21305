using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ApiMlCluster.Auth.Tokens;
using ApiMlCluster.TestSupport;
using Microsoft.IdentityModel.Tokens;

namespace ApiMlCluster.Auth.Tests.Tokens;

public sealed class TokenValidatorTests : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    // Years from the real date, so a check that read DateTime.UtcNow instead of the injected clock would fail.
    private readonly ManualClock clock = new(new DateTimeOffset(2041, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TempWorkspace workspace = new();
    private readonly JwtSigningKeys keys = JwtSigningKeys.Create(TestKeys.Current, []);
    private readonly RSA currentPrivateKey = TestKeys.Current.GetRSAPrivateKey()!;
    private readonly TokenIssuer issuer;
    private readonly TokenValidator validator;

    public TokenValidatorTests()
    {
        issuer = new TokenIssuer(keys, clock);
        validator = new TokenValidator(keys, clock);
    }

    public void Dispose()
    {
        currentPrivateKey.Dispose();
        keys.Dispose();
        workspace.Dispose();
    }

    [Fact]
    public async Task ValidateAsync_IssuedToken_ValidWithAllClaims()
    {
        var issued = issuer.Issue("alice", "Dummy provider", Lifetime);

        var check = await validator.ValidateAsync(issued.Jwt);

        Assert.Equal(new TokenCheck.Valid(issued.Claims), check);
    }

    [Fact]
    public async Task ValidateAsync_IssuedTokenWithoutDomain_ValidWithNullDomain()
    {
        var issued = issuer.Issue("alice", null, Lifetime);

        var check = await validator.ValidateAsync(issued.Jwt);

        Assert.Null(Assert.IsType<TokenCheck.Valid>(check).Claims.Domain);
    }

    [Fact]
    public async Task ValidateAsync_AlgNone_Invalid()
    {
        var jwt = TestKeys.Raw(new { alg = "none", typ = "JWT", kid = keys.CurrentKeyId }, Payload());

        Assert.IsType<TokenCheck.Invalid>(await validator.ValidateAsync(jwt));
    }

    [Theory]
    [InlineData("pem")]
    [InlineData("der")]
    public async Task ValidateAsync_Hs256KeyedWithPublicKey_Invalid(string encoding)
    {
        var secret = encoding == "pem" ? Encoding.ASCII.GetBytes(keys.CurrentKeyPem()) : TestKeys.PublicKeyDer(TestKeys.Current);
        var jwt = TestKeys.SignHs256(secret, new { alg = "HS256", typ = "JWT", kid = keys.CurrentKeyId }, Payload());

        Assert.IsType<TokenCheck.Invalid>(await validator.ValidateAsync(jwt));
    }

    [Fact]
    public async Task ValidateAsync_UnknownKidOnOtherwiseGoodSignature_Invalid()
    {
        var jwt = TestKeys.SignRs256(currentPrivateKey, new { alg = "RS256", typ = "JWT", kid = "unknown" }, Payload());

        Assert.IsType<TokenCheck.Invalid>(await validator.ValidateAsync(jwt));
    }

    [Fact]
    public async Task ValidateAsync_NoKidSignedWithCurrentKey_Valid()
    {
        var jwt = TestKeys.SignRs256(currentPrivateKey, new { alg = "RS256", typ = "JWT" }, Payload());

        Assert.IsType<TokenCheck.Valid>(await validator.ValidateAsync(jwt));
    }

    [Theory]
    [InlineData("../../dev/null")]
    [InlineData("/etc/passwd")]
    [InlineData("' OR '1'='1")]
    [InlineData(5000)]
    public async Task ValidateAsync_KidInjection_Invalid(object kid)
    {
        var value = kid as string ?? new string('k', (int)kid);
        var jwt = TestKeys.SignRs256(currentPrivateKey, new { alg = "RS256", typ = "JWT", kid = value }, Payload());

        Assert.IsType<TokenCheck.Invalid>(await validator.ValidateAsync(jwt));
    }

    [Theory]
    [InlineData("jku")]
    [InlineData("x5u")]
    [InlineData("jwk")]
    public async Task ValidateAsync_HeaderPointingToAttackerKey_InvalidWithoutFetching(string member)
    {
        using var attacker = RSA.Create(2048);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/keys";
            var publicKey = attacker.ExportParameters(false);
            object reference = member == "jwk"
                ? new { kty = "RSA", e = Base64UrlEncoder.Encode(publicKey.Exponent), n = Base64UrlEncoder.Encode(publicKey.Modulus) }
                : url;
            var header = new Dictionary<string, object> { ["alg"] = "RS256", ["typ"] = "JWT", [member] = reference };
            var jwt = TestKeys.SignRs256(attacker, header, Payload());

            Assert.IsType<TokenCheck.Invalid>(await validator.ValidateAsync(jwt));
            Assert.False(listener.Pending());
        }
        finally
        {
            listener.Stop();
        }
    }

    [Theory]
    [InlineData("APIML_PAT")]
    [InlineData("zOSMF")]
    [InlineData("apiml")]
    public async Task ValidateAsync_WrongIssuer_Invalid(string iss)
    {
        var jwt = TestKeys.SignRs256(currentPrivateKey, Header(), Payload(p => p["iss"] = iss));

        Assert.IsType<TokenCheck.Invalid>(await validator.ValidateAsync(jwt));
    }

    [Fact]
    public async Task ValidateAsync_PayloadTamperedSignatureKept_Invalid()
    {
        var parts = issuer.Issue("alice", null, Lifetime).Jwt.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"alice\"", "\"admin\"", StringComparison.Ordinal);
        var jwt = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        Assert.IsType<TokenCheck.Invalid>(await validator.ValidateAsync(jwt));
    }

    [Theory]
    [InlineData("truncate")]
    [InlineData("flip")]
    [InlineData("strip")]
    public async Task ValidateAsync_DamagedSignature_Invalid(string damage)
    {
        var jwt = Damage(issuer.Issue("alice", null, Lifetime).Jwt, damage);

        Assert.IsType<TokenCheck.Invalid>(await validator.ValidateAsync(jwt));
    }

    [Fact]
    public async Task ValidateAsync_OneSecondBeforeExp_Valid()
    {
        var issued = issuer.Issue("alice", null, Lifetime);
        clock.Advance(Lifetime - TimeSpan.FromSeconds(1));

        Assert.IsType<TokenCheck.Valid>(await validator.ValidateAsync(issued.Jwt));
    }

    [Fact]
    public async Task ValidateAsync_OneSecondAfterExp_Expired()
    {
        var issued = issuer.Issue("alice", null, Lifetime);
        clock.Advance(Lifetime + TimeSpan.FromSeconds(1));

        Assert.IsType<TokenCheck.Expired>(await validator.ValidateAsync(issued.Jwt));
    }

    [Fact]
    public async Task ValidateAsync_ClockLongBeforeRealTime_UsesInjectedClock()
    {
        var past = new ManualClock(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var issued = new TokenIssuer(keys, past).Issue("alice", null, Lifetime);

        Assert.IsType<TokenCheck.Valid>(await new TokenValidator(keys, past).ValidateAsync(issued.Jwt));
    }

    [Fact]
    public async Task ValidateAsync_PastExpWithBadSignature_InvalidNotExpired()
    {
        var jwt = Damage(issuer.Issue("alice", null, Lifetime).Jwt, "flip");
        clock.Advance(Lifetime + TimeSpan.FromSeconds(1));

        Assert.IsType<TokenCheck.Invalid>(await validator.ValidateAsync(jwt));
    }

    [Fact]
    public async Task ValidateAsync_NbfSixtySecondsAhead_Invalid()
    {
        var jwt = TestKeys.SignRs256(currentPrivateKey, Header(), Payload(p => p["nbf"] = clock.GetUtcNow().AddSeconds(60).ToUnixTimeSeconds()));

        Assert.IsType<TokenCheck.Invalid>(await validator.ValidateAsync(jwt));
    }

    [Fact]
    public async Task ValidateAsync_MissingExp_Invalid()
    {
        var jwt = TestKeys.SignRs256(currentPrivateKey, Header(), Payload(p => p.Remove("exp")));

        Assert.IsType<TokenCheck.Invalid>(await validator.ValidateAsync(jwt));
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("")]
    [InlineData(null)]
    public async Task ValidateAsync_JtiNotAGuid_Invalid(string? jti)
    {
        var jwt = TestKeys.SignRs256(currentPrivateKey, Header(), Payload(p => Set(p, "jti", jti)));

        Assert.IsType<TokenCheck.Invalid>(await validator.ValidateAsync(jwt));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public async Task ValidateAsync_EmptySub_Invalid(string? sub)
    {
        var jwt = TestKeys.SignRs256(currentPrivateKey, Header(), Payload(p => Set(p, "sub", sub)));

        Assert.IsType<TokenCheck.Invalid>(await validator.ValidateAsync(jwt));
    }

    [Fact]
    public async Task ValidateAsync_SignedTokenLongerThan8192_Invalid()
    {
        var jwt = TestKeys.SignRs256(currentPrivateKey, Header(), Payload(p => p["pad"] = new string('x', 8192)));

        var check = await validator.ValidateAsync(jwt);

        Assert.Contains("longer than 8192", Assert.IsType<TokenCheck.Invalid>(check).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("..")]
    [InlineData("....")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9..")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJ.x")]
    [InlineData("\0\u00ff\ud83d\ude00")]
    public async Task ValidateAsync_Garbage_Invalid(string? jwt)
    {
        Assert.IsType<TokenCheck.Invalid>(await validator.ValidateAsync(jwt!));
    }

    [Fact]
    public async Task ValidateAsync_HugeGarbage_Invalid()
    {
        Assert.IsType<TokenCheck.Invalid>(await validator.ValidateAsync(new string('.', 1_000_000)));
    }

    [Fact]
    public async Task ValidateAsync_OldKeyTokenWithOldCertificateConfigured_Valid()
    {
        using var oldKeys = JwtSigningKeys.Create(TestKeys.Previous, []);
        var issued = new TokenIssuer(oldKeys, clock).Issue("alice", null, Lifetime);
        using var rotated = JwtSigningKeys.Create(TestKeys.Current, [workspace.WriteFile("old.pem", TestKeys.CertificatePem(TestKeys.Previous))]);

        var check = await new TokenValidator(rotated, clock).ValidateAsync(issued.Jwt);

        Assert.Equal(new TokenCheck.Valid(issued.Claims), check);
    }

    [Fact]
    public async Task ValidateAsync_OldKeyTokenWithoutOldCertificate_Invalid()
    {
        using var oldKeys = JwtSigningKeys.Create(TestKeys.Previous, []);
        var issued = new TokenIssuer(oldKeys, clock).Issue("alice", null, Lifetime);

        Assert.IsType<TokenCheck.Invalid>(await validator.ValidateAsync(issued.Jwt));
    }

    [Fact]
    public async Task ValidateAsync_SameTokenTwice_SecondIsCacheHit()
    {
        var issued = issuer.Issue("alice", null, Lifetime);
        await validator.ValidateAsync(issued.Jwt);

        var check = await validator.ValidateAsync(issued.Jwt);

        Assert.Equal(new TokenCheck.Valid(issued.Claims), check);
        Assert.Equal(1, validator.CachedCount);
    }

    [Fact]
    public async Task ValidateAsync_CachedTokenPastExp_ExpiredAndEvicted()
    {
        var issued = issuer.Issue("alice", null, Lifetime);
        await validator.ValidateAsync(issued.Jwt);
        clock.Advance(Lifetime + TimeSpan.FromSeconds(1));

        var check = await validator.ValidateAsync(issued.Jwt);

        Assert.IsType<TokenCheck.Expired>(check);
        Assert.Equal(0, validator.CachedCount);
    }

    [Fact]
    public async Task ValidateAsync_Failures_AreNotCached()
    {
        await validator.ValidateAsync(Damage(issuer.Issue("alice", null, Lifetime).Jwt, "flip"));
        var expired = issuer.Issue("bob", null, Lifetime);
        clock.Advance(Lifetime + TimeSpan.FromSeconds(1));
        await validator.ValidateAsync(expired.Jwt);

        Assert.Equal(0, validator.CachedCount);
    }

    [Fact]
    public async Task ValidateAsync_MoreDistinctTokensThanCapacity_CacheStaysBounded()
    {
        var small = new TokenValidator(keys, clock, cacheCapacity: 10);

        for (var i = 0; i < 25; i++)
        {
            Assert.IsType<TokenCheck.Valid>(await small.ValidateAsync(issuer.Issue($"user{i}", null, Lifetime).Jwt));
            Assert.InRange(small.CachedCount, 1, 10);
        }
    }

    [Fact]
    public async Task ValidateAsync_FullCacheWithExpiredEntry_DropsOnlyTheExpired()
    {
        var small = new TokenValidator(keys, clock, cacheCapacity: 3);
        await small.ValidateAsync(issuer.Issue("long1", null, Lifetime).Jwt);
        await small.ValidateAsync(issuer.Issue("short", null, TimeSpan.FromSeconds(50)).Jwt);
        await small.ValidateAsync(issuer.Issue("long2", null, Lifetime).Jwt);
        clock.Advance(TimeSpan.FromMinutes(1));

        await small.ValidateAsync(issuer.Issue("long3", null, Lifetime).Jwt);

        Assert.Equal(3, small.CachedCount);
    }

    private static Dictionary<string, object> Set(Dictionary<string, object> payload, string claim, string? value)
    {
        if (value is null)
        {
            payload.Remove(claim);
        }
        else
        {
            payload[claim] = value;
        }

        return payload;
    }

    private static string Damage(string jwt, string damage)
    {
        var cut = jwt.LastIndexOf('.') + 1;
        var signature = Base64UrlEncoder.DecodeBytes(jwt[cut..]);
        return damage switch
        {
            "truncate" => jwt[..cut] + Base64UrlEncoder.Encode(signature[..^1]),
            "flip" => jwt[..cut] + Base64UrlEncoder.Encode([.. signature[..^1], (byte)(signature[^1] ^ 0x01)]),
            "strip" => jwt[..cut],
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };
    }

    private object Header() => new { alg = "RS256", typ = "JWT", kid = keys.CurrentKeyId };

    private Dictionary<string, object> Payload(Action<Dictionary<string, object>>? change = null) => TestKeys.Payload(clock.GetUtcNow(), change);
}
