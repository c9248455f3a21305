using System.Net;
using System.Text;
using System.Text.Json;
using ApiMlCluster.Gateway.PassTickets;
using ApiMlCluster.Gateway.Schemes;

namespace ApiMlCluster.Gateway.Tests.Schemes;

public sealed class SafIdtSchemeTests : IDisposable
{
    private readonly FakeSafHandler provider = new();
    private readonly SchemeHarness harness;
    private readonly string token;

    public SafIdtSchemeTests()
    {
        harness = new SchemeHarness(provider);
        token = harness.Issuer.Issue("user", null, TimeSpan.FromHours(8)).Jwt;
        provider.Expiry = harness.Clock.GetUtcNow().AddHours(1);
    }

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task Translate_ProviderAnswers_ServiceGetsTheIdtAndNoCallerCredentials()
    {
        var (_, proxied) = await SendAsync();

        Assert.Equal((provider.Issued[0], null), (SchemeHarness.Header(proxied, SafIdtScheme.Header), SchemeHarness.Header(proxied, "Authorization")));
    }

    [Fact]
    public async Task Translate_RequestToProvider_CarriesUserApplidAndAValidPassTicket()
    {
        await SendAsync();

        var body = JsonDocument.Parse(provider.Bodies.Single()).RootElement;
        Assert.Equal(("user", "ZOWEAPPL"), (body.GetProperty("username").GetString(), body.GetProperty("appl").GetString()));
        var evaluator = new PassTicketEvaluator(harness.PassTicketKeys, harness.Clock);
        Assert.Equal(PassTicketVerdict.Valid, evaluator.Evaluate("user", "ZOWEAPPL", body.GetProperty("pass").GetString()));
    }

    [Fact]
    public async Task Translate_UntilAMinuteBeforeExpiry_ReusesTheIdt()
    {
        await SendAsync();
        harness.Clock.Advance(TimeSpan.FromMinutes(58.9));

        var (_, proxied) = await SendAsync();

        Assert.Equal((1, provider.Issued[0]), (provider.Calls, SchemeHarness.Header(proxied, SafIdtScheme.Header)));
    }

    [Fact]
    public async Task Translate_WithinTheLastMinute_AsksForANewIdt()
    {
        await SendAsync();
        harness.Clock.Advance(TimeSpan.FromMinutes(59.1));

        var (_, proxied) = await SendAsync();

        Assert.Equal((2, provider.Issued[1]), (provider.Calls, SchemeHarness.Header(proxied, SafIdtScheme.Header)));
    }

    [Fact]
    public async Task Translate_IdtWithoutExpiry_IsNotReused()
    {
        provider.Expiry = null;

        await SendAsync();
        await SendAsync();

        Assert.Equal(2, provider.Calls);
    }

    [Fact]
    public async Task Translate_ProviderRefuses_ForwardedWithSafIdtFailure()
    {
        provider.Status = HttpStatusCode.Unauthorized;

        var (credentials, _) = await SendAsync();

        Assert.Equal("ZWEAG150E SAF IDT generation failed. Reason: the SAF IDT provider answered 401", credentials.Failure);
    }

    [Fact]
    public async Task Translate_NoProviderConfigured_ForwardedWithSafIdtFailure()
    {
        using var unconfigured = new SchemeHarness();
        var own = unconfigured.Issuer.Issue("user", null, TimeSpan.FromHours(1)).Jwt;

        var (credentials, _) = await unconfigured.SendAsync(SchemeHarness.Request(authorization: "Bearer " + own), "safIdt", "ZOWEAPPL");

        Assert.StartsWith("ZWEAG150E SAF IDT generation failed. Reason: no SAF IDT provider is configured", credentials.Failure, StringComparison.Ordinal);
    }

    private Task<(SouthboundCredentials Credentials, HttpRequestMessage Proxied)> SendAsync() =>
        harness.SendAsync(SchemeHarness.Request(authorization: "Bearer " + token), "safIdt", "ZOWEAPPL");

    /// <summary>Answers <c>{"jwt":"&lt;idt&gt;"}</c>: a JWT-shaped token with a serial and <see cref="Expiry"/> as exp, when set.</summary>
    private sealed class FakeSafHandler : HttpMessageHandler
    {
        public List<string> Bodies { get; } = [];

        public int Calls => Bodies.Count;

        public DateTimeOffset? Expiry { get; set; }

        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            if (Status != HttpStatusCode.OK)
            {
                return new HttpResponseMessage(Status);
            }

            var payload = Expiry is { } exp ? $$"""{"sub":"user","n":{{Calls}},"exp":{{exp.ToUnixTimeSeconds()}}}""" : $$"""{"sub":"user","n":{{Calls}}}""";
            var idt = $"{Part("""{"alg":"none"}""")}.{Part(payload)}.";
            var body = JsonSerializer.Serialize(new { jwt = idt });
            Issued.Add(idt);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }

        private static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public List<string> Issued { get; } = [];
    }
}
