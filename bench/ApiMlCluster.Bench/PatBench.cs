using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Auth.AccessTokens;
using ApiMlCluster.Core.Cluster;
using ApiMlCluster.Auth.AccessTokens.Rules;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Tokens;

namespace ApiMlCluster.Bench;

/// <summary>
/// In-process cost of judging a personal access token as the gateway does on every PAT request: the validator's cache,
/// the revocation snapshot and the rule snapshot, with 100,000 revoked tokens, 10,000 user rules and 1,000 scope rules
/// loaded. Also generation (RS256 signing) and a first validation (signature check).
/// </summary>
internal static class PatBench
{
    private const int Pats = 1024;
    private const int RevokedEntries = 100_000;
    private const int UserRules = 10_000;
    private const int ScopeRules = 1_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public static void Run()
    {
        var cores = Environment.ProcessorCount;
        using var keys = CreateKeys();
        var issuer = new TokenIssuer(keys, TimeProvider.System);
        string[] scopes = ["jwtsvc", "catalog", "zosmf"];
        var rows = new List<string[]>
        {
            TokensBench.Measure("Generate (RS256 sign, 3 scopes)", cores, 1, _ => _ => issuer.IssuePersonalAccessToken("user", Lifetime, scopes).Jwt.Length > 0),
        };

        var revocations = new RevocationSnapshot();
        var expiry = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds();
        for (var i = 0; i < RevokedEntries; i++)
        {
            revocations.Apply(new ApiMlCluster.Auth.Revocation.RevokedToken(Guid.NewGuid(), expiry));
        }

        revocations.MarkReady();
        var rules = new RuleSnapshot();
        var past = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds();
        for (var i = 0; i < UserRules; i++)
        {
            rules.Apply(new RuleEntry(RuleKind.User, $"U{i}", past));
        }

        for (var i = 0; i < ScopeRules; i++)
        {
            rules.Apply(new RuleEntry(RuleKind.Scope, $"svc{i}", past));
        }

        rules.MarkReady();

        var uncachedPool = Enumerable.Range(0, cores)
            .Select(_ => Enumerable.Range(0, 64).Select(_ => issuer.IssuePersonalAccessToken("user", Lifetime, scopes).Jwt).ToArray())
            .ToArray();
        rows.Add(TokensBench.Measure("CheckAsync, uncached (signature verified each time)", cores, 1, thread =>
        {
            var check = new PersonalAccessTokenCheck(new TokenValidator(keys, TimeProvider.System, cacheCapacity: 1), revocations, rules, AlwaysMajority.Instance);
            var tokens = uncachedPool[thread];
            return i => Check(check, tokens[i % tokens.Length]);
        }));

        var shared = new PersonalAccessTokenCheck(new TokenValidator(keys, TimeProvider.System), revocations, rules, AlwaysMajority.Instance);
        var pool = Enumerable.Range(0, Pats).Select(i => issuer.IssuePersonalAccessToken($"USER{i}", Lifetime, scopes).Jwt).ToArray();
        foreach (var pat in pool)
        {
            Check(shared, pat);
        }

        rows.Add(TokensBench.Measure($"CheckAsync, cache hit ({RevokedEntries:N0} revoked, {UserRules + ScopeRules:N0} rules)", cores, 64, thread =>
        {
            var offset = thread * (Pats / cores);
            return i => Check(shared, pool[(int)((i + offset) % Pats)]);
        }));

        Report.Table(
            $"PAT validation in process ({cores} cores)",
            ["operation", "1 thread: ops/s", "1 thread: µs/op", $"{cores} threads: ops/s", "scaling"],
            rows);
        Console.WriteLine($"- PAT length {pool[0].Length} chars (3 scopes)");
        Console.WriteLine();
    }

    private static bool Check(PersonalAccessTokenCheck check, string jwt)
    {
        var pending = check.CheckAsync(jwt, "jwtsvc");
        var result = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        return result.Status == PatStatus.Valid;
    }

    private static JwtSigningKeys CreateKeys()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=apiml-bench", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        return JwtSigningKeys.Create(certificate, []);
    }
}
