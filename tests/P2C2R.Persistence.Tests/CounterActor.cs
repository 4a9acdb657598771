using P2C2R.Actors;
using P2C2R.MessagePack;
using P2C2R.Remote.Serialization;

namespace P2C2R.Persistence.Tests;

public sealed record Added(int Amount);

public sealed record CounterState(long Total, int Events);

public sealed record Add(int Amount);

public sealed record AddMany(int[] Amounts);

public sealed record GetState;

public sealed record TakeSnapshot;

public sealed record DeleteUpTo(long SequenceNr);

public sealed record Crash;

/// <summary>The state a test reads back: the fold, the sequence number, and how many events recovery replayed.</summary>
public sealed record CounterView(long Total, int Events, long SequenceNr, int Replayed, bool FromSnapshot);

/// <summary>A persistent counter for the runtime's tests: the fold of <see cref="Added"/> events.</summary>
public sealed class CounterActor(string id, IActorRef? observer = null) : PersistentActor
{
    public static readonly IEventSerializer Serializer = new RegistryEventSerializer(MessageRegistry.Create(new Events()));
    private long _total;
    private int _events;
    private int _replayed;
    private bool _fromSnapshot;

    public override string PersistenceId => id;

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: CounterState state }:
                (_total, _events, _fromSnapshot) = (state.Total, state.Events, true);
                break;
            case Added added:
                Apply(added);
                _replayed++;
                break;
        }
    }

    protected override bool OnCommand(object message)
    {
        switch (message)
        {
            case Add add:
                Persist(new Added(add.Amount), e =>
                {
                    Apply(e);
                    Sender.Tell(View());
                });
                return true;
            case AddMany many:
                PersistAll([.. many.Amounts.Select(a => new Added(a))], Apply);
                return true;
            case GetState:
                Sender.Tell(View());
                return true;
            case TakeSnapshot:
                SaveSnapshot(new CounterState(_total, _events));
                return true;
            case SaveSnapshotSuccess or DeleteMessagesSuccess:
                observer?.Tell(message);
                return true;
            case DeleteUpTo delete:
                DeleteMessagesTo(delete.SequenceNr);
                return true;
            case Crash:
                throw new InvalidOperationException("crash on request");
            default:
                return false;
        }
    }

    private void Apply(Added added)
    {
        _total = _total * 31 + added.Amount;
        _events++;
    }

    private CounterView View() => new(_total, _events, LastSequenceNr, _replayed, _fromSnapshot);

    private sealed class Events : IMessageCatalog
    {
        public void Register(MessageRegistryBuilder builder)
        {
            builder.Add<Added>(900, "test.added", 1,
                (ref MessagePackWriter w, Added m, WireContext _) => w.Write(m.Amount),
                (ref MessagePackReader r, WireContext _) => new Added(r.ReadInt32()));
            builder.Add<CounterState>(901, "test.counter-state", 2,
                (ref MessagePackWriter w, CounterState m, WireContext _) =>
                {
                    w.Write(m.Total);
                    w.Write(m.Events);
                },
                (ref MessagePackReader r, WireContext _) => new CounterState(r.ReadInt64(), r.ReadInt32()));
        }
    }
}

/// <summary>Restarts all its children when one fails: a counter and a child that fails on any message.</summary>
public sealed class AllForOneParent : ReceiveActor
{
    public AllForOneParent(string id, IActorRef reportTo)
    {
        var counter = Context.ActorOf(Props.Create(() => new CounterActor(id, null)), "counter");
        var fuse = Context.ActorOf(Props.Create(() => new Fuse()), "fuse");
        reportTo.Tell((counter, fuse));
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new AllForOneStrategy(10, TimeSpan.FromMinutes(1), _ => Directive.Restart);

    private sealed class Fuse : ReceiveActor
    {
        public Fuse() => ReceiveAny(_ => throw new InvalidOperationException("blown on request"));
    }
}
