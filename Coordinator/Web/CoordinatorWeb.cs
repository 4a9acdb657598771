using System.Runtime.CompilerServices;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Observability;
using P2C2R.Coordinator.Persistence;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Coordinator.Web.Community;
using P2C2R.Coordinator.Web.Dashboard;
using P2C2R.Coordinator.Web.Login;
using P2C2R.Coordinator.Web.Play;
using P2C2R.Edge.WebSockets;
using P2C2R.Hosting;

namespace P2C2R.Coordinator.Web;

/// <summary>
/// The coordinator's HTTP side, on the same Kestrel as its edge but on a port of its own
/// (<see cref="WebSettings"/>): <see cref="AddCoordinatorWeb"/> registers what the endpoints need
/// and binds the listener; <see cref="MapCoordinatorWeb"/> maps the endpoints on the built
/// application (<see cref="HealthEndpoints"/>, and <see cref="CoordinatorMetrics"/> as
/// OpenTelemetry exports them for Prometheus at <see cref="MetricsPath"/>, the edge over a
/// WebSocket at <see cref="EdgePath"/> with the /play page that uses it, the public community
/// page of <see cref="CommunityEndpoints"/>, a gamer's or helper's own pages of
/// <see cref="LoginEndpoints"/>, and the operator dashboard of <see cref="DashboardEndpoints"/>
/// when an operator token is set) and logs where they answer. Every node runs its
/// <see cref="DashboardFeed"/>, token or not, so it shows on the dashboards of the nodes that have one.
/// </summary>
public static class CoordinatorWeb
{
    /// <summary>Where Prometheus scrapes the node's <see cref="CoordinatorMetrics"/>.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Where browsers speak the edge protocol over a WebSocket (gamers only), which the /play page dials.</summary>
    public const string EdgePath = "/edge";

    public static NodeHostBuilder AddCoordinatorWeb(this NodeHostBuilder node)
    {
        var web = node.Web ?? throw new InvalidOperationException("the coordinator's HTTP endpoints need a web host");
        var listener = new WebListener(WebSettings.From(node.Config));
        node.Services.AddSingleton(listener);
        node.Services.AddSingleton(new WebLogins(TimeProvider.System));
        node.Services.AddSingleton<LoginLinks>();
        var storage = StorageSettings.From(node.Config);
        node.Services.AddSingleton(services => new JournalProbe(storage, services.GetRequiredService<ILogger<JournalProbe>>()));
        // The gauges are made by the instruments' class when it is first used, which may come after the
        // first scrape (no session or helper yet): made now, /metrics lists them from the start.
        RuntimeHelpers.RunClassConstructor(typeof(CoordinatorMetrics).TypeHandle);
        node.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(node.Name)).WithMetrics(metrics => metrics.AddMeter(CoordinatorMetrics.MeterName).AddPrometheusExporter());
        web.WebHost.ConfigureKestrel(listener.Listen);
        var community = new CommunityState();
        node.Services.AddSingleton(community);
        node.WithAkka((akka, _) => akka.WithActors((system, registry) =>
            system.ActorOf(CommunityFeed.Props(community, registry.Get<PeerRegistry>(), registry.Get<CreditLedger>()), "community")));
        var dashboard = new DashboardState();
        node.Services.AddSingleton(dashboard);
        node.WithAkka((akka, _) => akka.WithActors((system, registry) =>
            system.ActorOf(DashboardFeed.Props(dashboard, registry.Get<PeerRegistry>(), registry.Get<CreditLedger>(), registry.Get<DeadlineScheduler>(),
                DistributedPubSub.Get(system).Mediator), "dashboard")));
        if (listener.Settings.OperatorToken is { } token)
        {
            node.Services.AddSingleton(new OperatorToken(token));
        }

        return node.MapWeb(app => app.MapCoordinatorWeb());
    }

    public static WebApplication MapCoordinatorWeb(this WebApplication app)
    {
        var listener = app.Services.GetRequiredService<WebListener>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CoordinatorWeb).FullName!);
        app.Lifetime.ApplicationStarted.Register(() => log.LogInformation("HTTP endpoints on {Address}", listener.Address));
        app.MapHealth();
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        app.MapEdgeWebSocket(EdgePath);
        app.MapBrowserPlay(EdgePath);
        app.MapCommunity();
        app.MapLogin();
        if (listener.Settings.OperatorToken is not null)
        {
            app.MapDashboard();
        }
        return app;
    }
}
