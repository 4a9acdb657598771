using System.Buffers.Binary;
using System.Security.Cryptography;
using P2C2R.Tasks;
using P2C2R.Tasks.Ai;
using P2C2R.Tasks.Codec;
using P2C2R.Tasks.Physics;
using P2C2R.Tasks.Render;
using P2C2R.Tasks.World;

namespace P2C2R.EndToEnd.Tests.Cheating;

/// <summary>
/// The wrong answer a careful cheater gives: the honest output with one value changed (one
/// pixel, one path step, one body nudged, one block, one light level, one letter), encoded back
/// as canonical MessagePack, so it decodes and looks right and only its content is wrong. Which
/// value changes follows from the input and a salt alone, so two helpers with the same salt give
/// the same wrong bytes for the same task: colluders agreeing on a lie.
/// </summary>
internal static class SubtleCorruption
{
    public static byte[] Corrupt(string taskType, byte[] input, byte[] honest, ulong salt)
    {
        var pick = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(input)) ^ salt;
        if (taskType == TaskExecutors.Raytrace.Type.Id || taskType == TaskExecutors.Upscale.Type.Id)
        {
            var image = Payload.Decode<ImageOutput>(honest);
            image.Rgb[Index(pick, image.Rgb.Length)] ^= 0x01;
            return Payload.Encode(image);
        }

        if (taskType == TaskExecutors.Deflate.Type.Id)
        {
            // A valid DEFLATE stream of a frame one byte off: it inflates cleanly, to the wrong picture.
            var frames = Payload.Decode<DeltaDeflateInput>(input);
            frames.Current[Index(pick, frames.Current.Length)] ^= 0x01;
            return TaskExecutors.Deflate.Execute(Payload.Encode(frames));
        }

        if (taskType == TaskExecutors.Finish.Type.Id)
        {
            // The same lie at the end of the chain: a valid stream of the upscaled frame one byte off.
            var finish = Payload.Decode<FinishInput>(input);
            var frame = TaskExecutors.Upscale.Run(finish.Current).Rgb;
            frame[Index(pick, frame.Length)] ^= 0x01;
            var previous = finish.Previous is null ? [] : TaskExecutors.Upscale.Run(finish.Previous).Rgb;
            return TaskExecutors.Deflate.Execute(Payload.Encode(new DeltaDeflateInput(previous, frame, finish.Level)));
        }

        if (taskType == TaskExecutors.Pathfind.Type.Id)
        {
            var path = Payload.Decode<PathfindOutput>(honest);
            if (path.Path.Length < 3)
            {
                return Payload.Encode(path with { Cost = path.Cost + 1 });
            }

            path.Path[1 + Index(pick, path.Path.Length - 2)] ^= 0x01;
            return Payload.Encode(path);
        }

        if (taskType == TaskExecutors.Rigid.Type.Id)
        {
            var step = Payload.Decode<RigidOutput>(honest);
            var bodies = step.Bodies.Length / RigidBody.Fields;
            if (bodies == 0)
            {
                return Payload.Encode(step with { Pairs = [0, 1] });
            }

            step.Bodies[Index(pick, bodies) * RigidBody.Fields + RigidBody.Position] += 1 << 10;
            return Payload.Encode(step);
        }

        if (taskType == TaskExecutors.Cloth.Type.Id)
        {
            var cloth = Payload.Decode<ClothOutput>(honest);
            cloth.Positions[Index(pick, cloth.Positions.Length)] += 1 << 8;
            return Payload.Encode(cloth);
        }

        if (taskType == TaskExecutors.Dialogue.Type.Id)
        {
            var line = Payload.Decode<DialogueOutput>(honest);
            var text = line.Line.ToCharArray();
            if (text.Length == 0)
            {
                return Payload.Encode(line with { Line = "." });
            }

            var at = Index(pick, text.Length);
            text[at] = text[at] == 'e' ? 'a' : 'e';
            return Payload.Encode(line with { Line = new string(text) });
        }

        if (taskType == TaskExecutors.Terrain.Type.Id)
        {
            var chunk = Payload.Decode<BlocksOutput>(honest);
            chunk.Blocks[Index(pick, chunk.Blocks.Length)] ^= 0x01;
            return Payload.Encode(chunk);
        }

        if (taskType == TaskExecutors.Lighting.Type.Id)
        {
            var light = Payload.Decode<LightingOutput>(honest);
            var at = Index(pick, light.Sky.Length);
            light.Sky[at] = (byte)((light.Sky[at] + 1) & 15);
            return Payload.Encode(light);
        }

        throw new ArgumentException($"no subtle corruption for task type {taskType}", nameof(taskType));
    }

    private static int Index(ulong pick, int length) => length > 0
        ? (int)(pick % (ulong)length)
        : throw new ArgumentException("nothing to corrupt in an empty field");
}
