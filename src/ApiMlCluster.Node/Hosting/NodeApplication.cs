using ApiMlCluster.Auth;
using ApiMlCluster.Caching;
using ApiMlCluster.Discovery;
using ApiMlCluster.Gateway;
using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Cluster;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Files;
using ApiMlCluster.Node.Cluster;
using ApiMlCluster.Node.Cluster.Membership;
using ApiMlCluster.Node.Errors;
using ApiMlCluster.Node.Health;
using ApiMlCluster.Node.Persistence;
using Microsoft.Extensions.Logging.Console;

namespace ApiMlCluster.Node.Hosting;

/// <summary>
/// One node: Kestrel on the component ports and one Akka.Cluster member in one process. Everything that can
/// be wrong in zowe.yaml (certificates, ports, database) is checked here, before the node joins the cluster.
/// </summary>
internal static class NodeApplication
{
    /// <summary>Exit code of a node that the cluster downed (split-brain resolver); its supervisor should restart it.</summary>
    public const int DownedExitCode = 3;

    public static async Task<WebApplication> BuildAsync(NodeConfig config, TimeProvider clock, string hoconDirectory, CancellationToken cancellationToken)
    {
        // The workspace is the node's alone (journal, keys, logs); an operator's existing directory is narrowed too.
        PrivateFiles.EnsureDirectory(config.WorkspaceDirectory);
        PrivateFiles.EnsureDirectory(config.DataDirectory);
        PrivateFiles.EnsureDirectory(config.LogDirectory);
        // Zowe's workspace layout: the default static definitions directory exists even when it is empty.
        Directory.CreateDirectory(Path.Combine(config.WorkspaceDirectory, "api-mediation", "api-defs"));
        var generated = config.Certificate.IsGenerated && await DevelopmentCertificates.EnsureAsync(config, clock, cancellationToken);
        var tls = TlsMaterialLoader.Load(config.Certificate);
        var nodeKeys = NodeKeys.For(config, tls);
        if (config.Cluster.Persistence.Provider == PersistenceProvider.Sqlite)
        {
            SqliteStore.Prepare(config.Cluster.Persistence.ConnectionString);
        }

        PortPreflight.EnsureFree(config);
        var hocon = ClusterHocon.Build(config, hoconDirectory);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = config.WorkspaceDirectory });
        ConfigureLogging(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel => KestrelListeners.Configure(kestrel, config, tls));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

        var membership = new MembershipView(Math.Max(1, config.Peers.Count));
        builder.Services
            .AddSingleton(config)
            .AddSingleton(tls)
            .AddSingleton(nodeKeys)
            .AddSingleton(clock)
            .AddSingleton(membership)
            .AddSingleton<IMajorityReach>(membership)
            .AddSingleton(new PersistenceProbe(config.Cluster.Persistence, clock))
            .AddSingleton<NodeHealth>()
            .AddSingleton<DiagnosticsAccess>()
            .AddApimlAuthentication(config, tls, clock)
            .AddApimlDiscovery(config, clock)
            .AddApimlGateway(config, tls);

        builder.Services.AddAkka(config.Cluster.Name, (akka, services) =>
        {
            if (config.Cluster.Persistence.Provider == PersistenceProvider.Sqlite)
            {
                akka.AddSetup(SqliteStore.BusyWaitSetup(config.Cluster.Persistence.ConnectionString));
            }

            akka.AddHocon(hocon, HoconAddMode.Prepend)
                .AddHocon(AuthModule.Hocon, HoconAddMode.Prepend)
                .AddHocon(DiscoveryModule.Hocon, HoconAddMode.Prepend)
                .AddHocon(GatewayModule.Hocon, HoconAddMode.Prepend)
                .AddHocon(CachingModule.Hocon, HoconAddMode.Prepend)
                .AddSetup(ClusterTls.Setup(tls, nodeKeys))
                .ConfigureLoggers(loggers =>
                {
                    loggers.ClearLoggers();
                    loggers.AddLoggerFactory();
                })
                .WithActors((system, registry) =>
                {
                    registry.Register<MembershipMonitor>(system.ActorOf(MembershipMonitor.Props(membership, clock), "membership"));
                    system.ActorOf(MemberAdmission.Props(config.Peers), "member-admission");
                    AuthModule.StartAuthActors(system, services);
                    DiscoveryModule.StartDiscoveryActors(system, services, ClusterHocon.NodeRole);
                    GatewayModule.StartGatewayActors(system, services, ClusterHocon.NodeRole);
                    CachingModule.StartCachingActors(system, services, ClusterHocon.NodeRole);
                });
        });

        // After Akka's hosted service: hosted services stop in reverse order, so the caching service's registration
        // cancels its instance while the ActorSystem still runs, instead of waiting out its budget against a stopped one.
        builder.Services.AddApimlCaching(config);

        var app = builder.Build();
        app.UseApimlGatewayShortcut(config);
        app.UseZoweErrorResponses();
        app.MapHealthEndpoints();
        app.MapApimlAuthentication(config);
        app.MapApimlDiscovery(config);
        app.MapApimlGateway(config);
        app.MapApimlCaching(config);
        app.UseRouting();
        app.UseWriteQuorumGate();
        app.UseApimlGateway(config);

        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ApiMlCluster.Node");
        foreach (var peer in nodeKeys.UnreadablePeers)
        {
            NodeLog.PeerCertificateUnreadable(log, peer);
        }

        if (generated)
        {
            log.LogInformation("Generated development certificates under {Directory}", DevelopmentCertificates.KeystoreRoot(config.WorkspaceDirectory));
        }

        return app;
    }

    public static async Task<int> RunAsync(NodeConfig config, CancellationToken cancellationToken)
    {
        await using var app = await BuildAsync(config, TimeProvider.System, ClusterHocon.DefaultHoconDirectory, cancellationToken);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ApiMlCluster.Node");
        var system = app.Services.GetRequiredService<ActorSystem>();
        var handshakeGuard = OutboundHandshakeGuard.Install(system, app.Services.GetRequiredService<TlsMaterial>().ServerCertificate,
            TimeProvider.System, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ApiMlCluster.Node.Cluster"), app.Lifetime.ApplicationStopping);
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() =>
            log.LogInformation("Node {Node} is Up in cluster '{Cluster}' at {Address}; ports: {Ports}",
                config.NodeName, config.Cluster.Name, Akka.Cluster.Cluster.Get(system).SelfAddress,
                string.Join(", ", KestrelListeners.EnabledComponents(config).Select(c => $"{c.Name} {c.Port}"))));

        await app.RunAsync(cancellationToken);

        if (CoordinatedShutdown.Get(system).ShutdownReason is CoordinatedShutdown.ClusterDowningReason || handshakeGuard.DownedWhileHeld)
        {
            log.LogError("Node {Node} was downed by the cluster and stopped; start it again to rejoin", config.NodeName);
            return DownedExitCode;
        }

        return 0;
    }

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // YARP logs two lines per proxied request at Information: that alone halves the gateway's throughput.
        logging.AddFilter("Yarp", LogLevel.Warning);
        // This category only logs request start and end (Information), which the filter above drops anyway; while it
        // is enabled at all, ASP.NET Core starts an Activity per request and the forwarder then writes a traceparent
        // header into every proxied request: measurable work on the gateway's hot path for nothing.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
    }
}
