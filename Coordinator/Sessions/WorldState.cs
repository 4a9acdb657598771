using System.Buffers.Binary;
using System.Security.Cryptography;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// Everything that makes one <see cref="DemoWorld"/> differ from another: the ticks played, the
/// camera, the debris, the mob and the running step's path target. Snapshots store it; its
/// <see cref="Digest"/> is how a recovered or replayed world is compared with the played one.
/// </summary>
public sealed record WorldState(long Tick, double X, double Z, double Yaw, int[] Bodies, int Mob, int PathTarget)
{
    /// <summary>SHA-256 of the state in a fixed little-endian layout (doubles by their bits), hex.</summary>
    public string Digest()
    {
        var bytes = new byte[8 * 4 + 4 * (Bodies.Length + 3)];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt64LittleEndian(span, Tick);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], BitConverter.DoubleToInt64Bits(X));
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], BitConverter.DoubleToInt64Bits(Z));
        BinaryPrimitives.WriteInt64LittleEndian(span[24..], BitConverter.DoubleToInt64Bits(Yaw));
        BinaryPrimitives.WriteInt32LittleEndian(span[32..], Mob);
        BinaryPrimitives.WriteInt32LittleEndian(span[36..], PathTarget);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], Bodies.Length);
        for (var i = 0; i < Bodies.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[(44 + 4 * i)..], Bodies[i]);
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
