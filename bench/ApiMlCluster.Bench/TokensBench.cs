using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Tokens;

namespace ApiMlCluster.Bench;

/// <summary>
/// In-process costs of the token hot path: RS256 signing, validation with and without the validator's cache, and the
/// revocation lookup every authenticated request makes. Each is measured for a few seconds on one thread and on one
/// thread per core.
/// </summary>
internal static class TokensBench
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Warmup = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    // Tokens each thread cycles through on a capacity-1 validator: the one it just cached is never the next one.
    private const int UncachedTokensPerThread = 64;
    private const int CachedTokens = 1024;
    private const int RevokedEntries = 1_000_000;
    private const int Probes = 1 << 20;

    public static void Run()
    {
        var cores = Environment.ProcessorCount;
        using var keys = CreateKeys();
        var issuer = new TokenIssuer(keys, TimeProvider.System);
        var rows = new List<string[]>();
        var notes = new List<string>();

        rows.Add(Measure("Issue (RS256 sign)", cores, 1, _ => _ => issuer.Issue("user", null, Lifetime).Jwt.Length > 0));

        // Uncached: every thread owns a validator that holds one token and cycles through 64 of its own.
        var uncachedPool = Enumerable.Range(0, cores)
            .Select(_ => Enumerable.Range(0, UncachedTokensPerThread).Select(_ => issuer.Issue("user", null, Lifetime).Jwt).ToArray())
            .ToArray();
        rows.Add(Measure("ValidateAsync, uncached (capacity-1 validator per thread)", cores, 1, thread =>
        {
            var validator = new TokenValidator(keys, TimeProvider.System, cacheCapacity: 1);
            var tokens = uncachedPool[thread];
            return i => Validate(validator, tokens[i % tokens.Length]);
        }));

        // Cached: one validator for all threads, as a node has, with every token already validated once.
        var shared = new TokenValidator(keys, TimeProvider.System);
        var cachedPool = Enumerable.Range(0, CachedTokens).Select(_ => issuer.Issue("user", null, Lifetime).Jwt).ToArray();
        foreach (var jwt in cachedPool)
        {
            Validate(shared, jwt);
        }

        rows.Add(Measure("ValidateAsync, cache hit", cores, 64, thread =>
        {
            var offset = thread * (CachedTokens / cores);
            return i => Validate(shared, cachedPool[(int)((i + offset) % CachedTokens)]);
        }));
        notes.Add($"cached tokens: {shared.CachedCount:N0}; token length {cachedPool[0].Length} chars");

        var (snapshot, probes) = RevokedSet();
        rows.Add(Measure($"RevocationSnapshot.IsRevoked, {RevokedEntries:N0} entries (half hits)", cores, 256, thread =>
        {
            var offset = thread * (Probes / cores);
            return i => snapshot.IsRevoked(probes[(int)((i + offset) & (Probes - 1))]);
        }, expectedTrue: 0.5));
        GC.KeepAlive(snapshot);

        Report.Table(
            $"Tokens in process ({cores} cores, {Duration.TotalSeconds:N0} s per measure)",
            ["operation", "1 thread: ops/s", "1 thread: µs/op", $"{cores} threads: ops/s", "scaling"],
            rows);
        foreach (var note in notes)
        {
            Console.WriteLine($"- {note}");
        }

        Console.WriteLine();
    }

    private static JwtSigningKeys CreateKeys()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=apiml-bench", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        return JwtSigningKeys.Create(certificate, []);
    }

    private static bool Validate(TokenValidator validator, string jwt)
    {
        var pending = validator.ValidateAsync(jwt);
        var check = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        return check is TokenCheck.Valid;
    }

    private static (RevocationSnapshot Snapshot, Guid[] Probes) RevokedSet()
    {
        var random = new Random(42);
        var snapshot = new RevocationSnapshot();
        var expiry = DateTimeOffset.UtcNow.AddHours(8).ToUnixTimeSeconds();
        var present = RandomIds.Create(random, RevokedEntries);
        foreach (var id in present)
        {
            snapshot.Apply(new ApiMlCluster.Auth.Revocation.RevokedToken(id, expiry));
        }

        var absent = RandomIds.Create(random, Probes / 2);
        var probes = new Guid[Probes];
        for (var i = 0; i < Probes; i++)
        {
            probes[i] = i % 2 == 0 ? present[random.Next(RevokedEntries)] : absent[i / 2];
        }

        return (snapshot, probes);
    }

    /// <summary>
    /// One row: <paramref name="worker"/> makes each thread's operation (given the thread number), which gets a running
    /// index and returns a result of which <paramref name="expectedTrue"/> should be true (a check that the work was
    /// done as meant). The clock is read every <paramref name="batch"/> ops.
    /// </summary>
    internal static string[] Measure(string name, int cores, int batch, Func<int, Func<long, bool>> worker, double expectedTrue = 1.0)
    {
        Run(1, Warmup, batch, worker);
        var (single, singleTrue) = Run(1, Duration, batch, worker);
        var (parallel, parallelTrue) = Run(cores, Duration, batch, worker);
        foreach (var (threads, fraction) in new[] { (1, singleTrue), (cores, parallelTrue) })
        {
            if (Math.Abs(fraction - expectedTrue) > 0.01)
            {
                Console.Error.WriteLine($"{name}, {threads} threads: {fraction:P1} of results true, expected {expectedTrue:P0}");
            }
        }

        return [name, Report.Rate(single), Report.Fixed(1e6 / single, 3), Report.Rate(parallel), $"{parallel / single:N2}×"];
    }

    private static (double OpsPerSecond, double TrueFraction) Run(int threads, TimeSpan duration, int batch, Func<int, Func<long, bool>> worker)
    {
        var maxBatches = 2_000_000_000L / batch;
        var ops = new long[threads];
        var trues = new long[threads];
        var seconds = new double[threads];
        using var ready = new CountdownEvent(threads);
        using var go = new ManualResetEventSlim();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var op = worker(t);
            ready.Signal();
            go.Wait();
            long i = 0, isTrue = 0;
            var start = Stopwatch.GetTimestamp();
            for (var b = 0L; b < maxBatches; b++)
            {
                for (var k = 0; k < batch; k++)
                {
                    if (op(i++))
                    {
                        isTrue++;
                    }
                }

                if (Stopwatch.GetElapsedTime(start) >= duration)
                {
                    break;
                }
            }

            seconds[t] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            ops[t] = i;
            trues[t] = isTrue;
        })
        { IsBackground = true, Name = $"bench-{t}" }).ToList();

        workers.ForEach(w => w.Start());
        ready.Wait();
        go.Set();
        workers.ForEach(w => w.Join());
        return (Enumerable.Range(0, threads).Sum(t => ops[t] / seconds[t]), (double)trues.Sum() / ops.Sum());
    }
}
