using ApiMlCluster.Gateway.PassTickets;

namespace ApiMlCluster.Bench;

/// <summary>
/// PassTickets per second as the httpBasicPassTicket scheme and the ticket endpoint make them (one generation per
/// request, no cache), for each algorithm, and the evaluation a test service or RACF does. In process, allocation-free.
/// </summary>
internal static class PassTicketsBench
{
    private const string LegacyKey = "0E329232EA6D0D73";
    private static readonly string EnhancedKey = Convert.ToHexString(Enumerable.Range(0, 64).Select(i => (byte)((i * 37) + 11)).ToArray());
    private static readonly string[] Users = ["IBMUSER", "USER", "ALICE", "BOB", "ZOWEADM", "TSTRADM", "JOB1", "J2"];

    public static void Run()
    {
        var cores = Environment.ProcessorCount;
        using var keys = PassTicketKeys.Create(new Dictionary<string, PassTicketKeyConfig>
        {
            ["TSO"] = new("legacy", LegacyKey),
            ["CICSPROD"] = new("enhanced", EnhancedKey),
            ["ZOWEAPPL"] = new("enhanced-mixed", EnhancedKey),
        });
        var generator = new PassTicketGenerator(keys, TimeProvider.System);
        var start = DateTimeOffset.UtcNow;
        var rows = new List<string[]>();
        foreach (var (applId, label) in new[] { ("TSO", "legacy (DES)"), ("CICSPROD", "enhanced (HMAC-SHA-512)"), ("ZOWEAPPL", "enhanced-mixed") })
        {
            rows.Add(TokensBench.Measure($"Generate, {label}", cores, 64, _ =>
            {
                var ticket = new char[PassTicketGenerator.TicketLength];
                // A different user and second each time, so no two operations compute the same thing.
                return i => generator.TryGenerate(Users[i & 7], applId, start.AddSeconds(i & 1023), ticket);
            }));
        }

        foreach (var (applId, label) in new[] { ("TSO", "legacy (DES)"), ("CICSPROD", "enhanced (HMAC-SHA-512)") })
        {
            keys.TryGet(applId, out var key);
            var now = start.ToUnixTimeSeconds();
            var pool = Enumerable.Range(0, 1024).Select(i =>
            {
                var names = new byte[2 * RacfNames.Length];
                RacfNames.TryEncode(Users[i & 7], names.AsSpan(0, RacfNames.Length));
                RacfNames.TryEncode(applId, names.AsSpan(RacfNames.Length));
                return (Names: names, Ticket: generator.Generate(Users[i & 7], applId, start.AddSeconds(-(i % 600))));
            }).ToArray();
            rows.Add(TokensBench.Measure($"Evaluate (find generation time, ±10 min), {label}", cores, 64, _ =>
                i =>
                {
                    var (names, ticket) = pool[i & 1023];
                    return key.TryFindGenerationTime(names, ticket, now, PassTicketEvaluator.WindowSeconds, out long _);
                }));
        }

        Report.Table(
            $"PassTickets in process ({cores} cores, 3 s per measure)",
            ["operation", "1 thread: ops/s", "1 thread: µs/op", $"{cores} threads: ops/s", "scaling"],
            rows);
    }
}
