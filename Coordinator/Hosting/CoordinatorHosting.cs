using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using P2C2R.Coordinator.Persistence;

namespace P2C2R.Coordinator.Hosting;

/// <summary>
/// Composes the coordinator into an Akka.Hosting actor system: our serializer, the SQL journal
/// and snapshot store on <c>p2c2r.persistence</c>, and the <see cref="CoordinatorRoot"/>, which
/// recovers sessions, ledger and reputations from the journal as it starts. The root is in the
/// <see cref="ActorRegistry"/> under <see cref="CoordinatorRoot"/>; ask it
/// <see cref="GetEdgeTargets"/> for the actors the edge talks to. Single node for now: nothing
/// here assumes it (several nodes share PostgreSQL).
/// </summary>
public static class CoordinatorHosting
{
    public static AkkaConfigurationBuilder WithCoordinator(this AkkaConfigurationBuilder builder, Config config)
    {
        var settings = CoordinatorSettings.From(config);
        var storage = StorageSettings.From(config);
        return builder
            .AddHocon(CoordinatorConfig.Akka(storage), HoconAddMode.Prepend)
            .WithActors((system, registry) =>
                registry.Register<CoordinatorRoot>(system.ActorOf(Props.Create(() => new CoordinatorRoot(settings)), CoordinatorRoot.Name)));
    }
}
