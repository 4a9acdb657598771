using System.Collections.Frozen;

namespace P2C2R.Remote.Serialization;

/// <summary>
/// The closed set of message types a system can send and receive, each under a stable numeric
/// id. Built once at start-up, where clashing ids, names or types fail loudly; frozen after, so
/// a lookup per message is one dictionary probe. Only ids registered here ever decode: the wire
/// never names a CLR type.
/// </summary>
public sealed class MessageRegistry
{
    /// <summary>Ids below this are the runtime's own (remoting and cluster).</summary>
    public const int FirstApplicationId = 100;

    private readonly FrozenDictionary<Type, MessageType> _byType;
    private readonly FrozenDictionary<int, MessageType> _byId;

    internal MessageRegistry(IEnumerable<MessageType> types)
    {
        var list = types.ToList();
        _byType = list.ToFrozenDictionary(t => t.ClrType);
        _byId = list.ToFrozenDictionary(t => t.Id);
        Types = [.. list.OrderBy(t => t.Id)];
    }

    public IReadOnlyList<MessageType> Types { get; }

    public bool TryGet(Type type, out MessageType messageType) => _byType.TryGetValue(type, out messageType!);

    public bool TryGet(int id, out MessageType messageType) => _byId.TryGetValue(id, out messageType!);

    /// <summary>A registry with the runtime's own messages plus those the catalogs declare.</summary>
    public static MessageRegistry Create(params IMessageCatalog[] catalogs)
    {
        var builder = new MessageRegistryBuilder();
        RemoteMessages.Catalog.Register(builder);
        foreach (var catalog in catalogs)
        {
            catalog.Register(builder);
        }

        return builder.Build();
    }
}

/// <summary>A module's message declarations, added to a registry at start-up.</summary>
public interface IMessageCatalog
{
    void Register(MessageRegistryBuilder builder);
}

/// <summary>Collects declarations and refuses clashes with both parties named.</summary>
public sealed class MessageRegistryBuilder
{
    private readonly List<MessageType> _types = [];

    public MessageRegistryBuilder Add<T>(int id, string name, IMessageFormatter<T> formatter, MessageLane lane = MessageLane.Ordinary)
        where T : notnull
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        foreach (var existing in _types)
        {
            if (existing.Id == id || existing.Name == name || existing.ClrType == typeof(T))
            {
                throw new InvalidOperationException(
                    $"message type {typeof(T).Name} (#{id}, {name}) clashes with {existing}: ids, names and types must each be unique");
            }
        }

        _types.Add(new MessageType<T>(id, name, formatter, lane));
        return this;
    }

    public MessageRegistryBuilder Add<T>(int id, string name, int fieldCount, WriteFields<T> write, ReadFields<T> read, MessageLane lane = MessageLane.Ordinary)
        where T : notnull =>
        Add(id, name, new ArrayFormatter<T>(fieldCount, write, read), lane);

    public MessageRegistry Build() => new(_types);
}
