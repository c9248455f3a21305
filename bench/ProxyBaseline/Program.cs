using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Yarp.ReverseProxy.Forwarder;

// The two reference points of bench/gateway, each as small as it can be:
//   backend --port P --cert PEM --key KEY                 the echo backend every variant reaches: HTTPS, 13-byte answer
//   yarp --port P --target URL --cert PEM --key KEY --ca CA  a bare YARP proxy with one static route, nothing else
if (args.Length < 1 || args[0] is not ("backend" or "yarp"))
{
    Console.Error.WriteLine("usage: ProxyBaseline backend|yarp --port P --cert PEM --key KEY [--target URL --ca CA]");
    return 2;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

using var pem = X509Certificate2.CreateFromPemFile(options["cert"], options["key"]);
var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, int.Parse(options["port"], System.Globalization.CultureInfo.InvariantCulture), listen =>
{
    listen.Protocols = HttpProtocols.Http1AndHttp2;
    listen.UseHttps(https =>
    {
        https.ServerCertificate = certificate;
        https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
    });
}));

if (args[0] == "backend")
{
    var app = builder.Build();
    var body = "Hello, World!"u8.ToArray();
    app.Run(context =>
    {
        context.Response.ContentType = "text/plain";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    });
    await app.RunAsync();
    return 0;
}

// The gateway's route for the same request is /echo/api/v1/** → {instance}/api/v1/**: the same rewrite here, with
// YARP's direct forwarder on one route (its documented minimal proxy), its default transforms, and one pooled client
// that trusts the CA.
var anchor = X509CertificateLoader.LoadCertificateFromFile(options["ca"]);
builder.Services.AddHttpForwarder();
var client = new HttpMessageInvoker(new SocketsHttpHandler
{
    UseProxy = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
    EnableMultipleHttp2Connections = true,
    ConnectTimeout = TimeSpan.FromSeconds(15),
    SslOptions = new SslClientAuthenticationOptions
    {
        RemoteCertificateValidationCallback = (_, presented, _, errors) =>
        {
            if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None || presented is not X509Certificate2 leaf)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(anchor);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(leaf);
        },
    },
});
var proxy = builder.Build();
var forwarder = proxy.Services.GetRequiredService<IHttpForwarder>();
const string prefix = "/echo/api/v1";
var destination = options["target"].TrimEnd('/') + "/api/v1";
proxy.Map(prefix + "/{**rest}", async (HttpContext context) =>
{
    // YARP's default transforms (HttpTransformer.Default: X-Forwarded-For/-Proto/-Host/-Prefix, the client's Host
    // dropped), which are what the gateway sends too. The route's prefix becomes the PathBase, as UsePathBase would
    // make it: X-Forwarded-Prefix names it and the rest of the path goes to the service's /api/v1.
    var request = context.Request;
    request.PathBase = prefix;
    request.Path = new PathString(request.Path.Value![prefix.Length..]);
    await forwarder.SendAsync(context, destination, client, ForwarderRequestConfig.Empty, HttpTransformer.Default);
});
await proxy.RunAsync();
return 0;
