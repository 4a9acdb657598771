using P2C2R.Actors;
using P2C2R.MessagePack;

namespace P2C2R.Remote.Serialization;

/// <summary>
/// What a formatter needs beyond bytes: turning actor refs into their wire form and back, in
/// the context of the association the message travels on (so a ref received from a system is
/// bound to that system's current incarnation).
/// </summary>
public abstract class WireContext
{
    /// <summary>Writes a ref as its full path string (<c>p2c2r.tcp://sys@host:port/user/a#uid</c>), or nil.</summary>
    public abstract void WriteRef(ref MessagePackWriter writer, IActorRef? actor);

    public abstract IActorRef? ReadRef(ref MessagePackReader reader);
}
