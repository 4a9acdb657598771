using P2C2R.GameSdk;

namespace P2C2R.Games.Voxel;

/// <summary>
/// The whole world in a fixed little-endian layout (version 1): what a session snapshots and
/// what its digest hashes. Restoring it under the same options gives back the same world.
/// </summary>
public sealed partial class VoxelWorld
{
    private const int SnapshotVersion = 1;

    public byte[] Snapshot()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(SnapshotVersion);
            w.Write(_tick);
            w.Write(_nextTaskId);
            w.Write(_nextBodyId);
            w.Write(_previousKeys);
            w.Write(_loadedChunks);
            w.Write(_dirtyChunks);
            w.Write(_x);
            w.Write(_y);
            w.Write(_z);
            w.Write(_vy);
            w.Write(_heading);
            w.Write(_grounded);
            w.Write(_caption);
            w.Write(_captionUntil);
            w.Write(_blocks);
            w.Write(_sky);
            w.Write(_glow);
            Ints(w, _mobs);
            w.Write(_villager);
            w.Write(_mobHits);
            w.Write(_pole.X);
            w.Write(_pole.Y);
            w.Write(_pole.Z);
            Ints(w, _clothPositions ?? []);
            Ints(w, _clothPrevious ?? []);
            w.Write(_pieces.Count);
            foreach (var piece in _pieces)
            {
                Ints(w, piece.Body);
                w.Write(piece.Block);
                w.Write(piece.Falling);
                w.Write(piece.Born);
                w.Write(piece.Expires);
            }

            w.Write(_pending.Count);
            foreach (var pending in _pending)
            {
                w.Write(pending.Task.Id);
                w.Write(pending.Task.Type);
                w.Write(pending.Task.Input.Length);
                w.Write(pending.Task.Input);
                w.Write(pending.Task.DueTick);
                w.Write((int)pending.Kind);
                w.Write(pending.Arg);
            }
        }

        return stream.ToArray();
    }

    internal static VoxelWorld Restore(GameOptions options, ReadOnlySpan<byte> snapshot)
    {
        var world = new VoxelWorld(options);
        using var r = new BinaryReader(new MemoryStream(snapshot.ToArray()));
        if (r.ReadInt32() != SnapshotVersion)
        {
            throw new InvalidDataException("not a version 1 voxel world snapshot");
        }

        world._tick = r.ReadInt64();
        world._nextTaskId = r.ReadInt64();
        world._nextBodyId = r.ReadInt32();
        world._previousKeys = r.ReadInt32();
        world._loadedChunks = r.ReadInt32();
        world._dirtyChunks = r.ReadInt32();
        world._x = r.ReadDouble();
        world._y = r.ReadDouble();
        world._z = r.ReadDouble();
        world._vy = r.ReadDouble();
        world._heading = r.ReadDouble();
        world._grounded = r.ReadBoolean();
        world._caption = r.ReadString();
        world._captionUntil = r.ReadInt64();
        world._blocks = r.ReadBytes(world._blocks.Length);
        r.ReadBytes(world._sky.Length).CopyTo(world._sky, 0);
        r.ReadBytes(world._glow.Length).CopyTo(world._glow, 0);
        for (var i = 0; i < world._light.Length; i++)
        {
            world._light[i] = Math.Max(world._sky[i], world._glow[i]);
        }

        ReadInts(r).CopyTo(world._mobs, 0);
        world._villager = r.ReadInt32();
        world._mobHits = r.ReadInt32();
        world._pole = (r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
        var positions = ReadInts(r);
        var previous = ReadInts(r);
        (world._clothPositions, world._clothPrevious) = positions.Length == 0 ? (null, null) : (positions, previous);
        for (var count = r.ReadInt32(); count > 0; count--)
        {
            world._pieces.Add(new Piece(ReadInts(r), r.ReadByte(), r.ReadBoolean(), r.ReadInt64(), r.ReadInt64()));
        }

        for (var count = r.ReadInt32(); count > 0; count--)
        {
            var task = new GameTask(r.ReadInt64(), r.ReadString(), r.ReadBytes(r.ReadInt32()), r.ReadInt64());
            world._pending.Add(new Pending(task, (WorkKind)r.ReadInt32(), r.ReadInt32()));
        }

        return world;
    }

    private static void Ints(BinaryWriter w, int[] values)
    {
        w.Write(values.Length);
        foreach (var value in values)
        {
            w.Write(value);
        }
    }

    private static int[] ReadInts(BinaryReader r)
    {
        var values = new int[r.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = r.ReadInt32();
        }

        return values;
    }
}
