namespace P2C2R.Persistence;

/// <summary>Turns events and snapshots into journal payloads and back, named by a stable type id.</summary>
public interface IEventSerializer
{
    byte[] Serialize(object value, out string typeId);

    object Deserialize(string typeId, byte[] payload);
}
