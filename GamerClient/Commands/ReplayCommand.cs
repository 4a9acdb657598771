using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using P2C2R.GameSdk;
using P2C2R.Games;
using P2C2R.GamerClient.Play;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Commands;

/// <summary>
/// <c>GamerClient replay SESSION</c>: fetches a session's input log and plays it again here,
/// every task computed locally, rendering each tick's frame. The frames are those the session
/// streamed, bit for bit: <c>framesDigest</c> over ticks <c>--from</c>..<c>--to</c> equals the
/// digest <c>play --json</c> reports over the same ticks, and <c>--record DIR</c> writes them as PNGs.
/// </summary>
public static class ReplayCommand
{
    public static Command Create(Assembly defaults)
    {
        var id = new Argument<string>("session") { Description = "Session id" };
        var from = new Option<long>("--from") { Description = "First tick whose frame is rendered", DefaultValueFactory = _ => 0 };
        var to = new Option<long>("--to") { Description = "Last tick whose frame is rendered (default: the last tick played)", DefaultValueFactory = _ => long.MaxValue };
        var record = new Option<DirectoryInfo?>("--record") { Description = "Write the rendered frames as PNG files into this folder" };
        var command = new Command("replay", "Replay a session from its seed and input log, bit for bit") { id, from, to, record };
        command.SetAction((parse, cancellation) => CommandOutput.Guarded(parse, async () =>
        {
            using var context = ClientContext.Load(parse, defaults);
            var sessionId = parse.GetValue(id)!;
            InputLog log;
            await using (var connection = await context.ConnectAsync(cancellation))
            {
                log = await connection.RequestAsync<InputLog>(new QueryInputLog(sessionId), cancellation);
            }

            var clock = Stopwatch.StartNew();
            var result = Replay(log, parse.GetValue(from), parse.GetValue(to), parse.GetValue(record) is { } folder ? new FrameRecorder(folder.FullName) : null, cancellation);
            var json = new
            {
                sessionId = result.SessionId, game = result.Game, ticks = result.Ticks, frames = result.Frames, firstTick = result.FirstTick,
                lastTick = result.LastTick, framesDigest = result.FramesDigest, worldDigest = result.WorldDigest, seconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
            };
            context.Print(json,
                $"session {sessionId}: replayed {result.Ticks} ticks of {result.Game}, {result.Frames} frames (ticks {result.FirstTick}..{result.LastTick}), frames {result.FramesDigest[..16]}, world {result.WorldDigest[..16]}");
            return 0;
        }));
        return command;
    }

    /// <summary>Plays the log; frames of ticks in [from, to] are rendered, hashed in order and optionally recorded.</summary>
    public static ReplayResult Replay(InputLog log, long from, long to, FrameRecorder? recorder, CancellationToken cancellation)
    {
        var format = new FrameFormat(log.TraceWidth, log.TraceHeight, log.FrameWidth, log.FrameHeight, log.Bands);
        IGame game;
        try
        {
            format.Validate();
            game = BuiltInGames.Find(log.Game);
        }
        catch (ArgumentException error)
        {
            throw new InvalidDataException("the session's input log cannot be replayed here: " + error.Message);
        }

        if ((long)format.FrameWidth * format.FrameHeight > FrameDecoder.MaxPixels)
        {
            throw new InvalidDataException($"the session's frames ({format.FrameWidth}×{format.FrameHeight}) exceed {FrameDecoder.MaxPixels} pixels");
        }

        var world = game.Create(new GameOptions(log.Seed, log.TicksPerSecond, format));
        using var frames = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var (first, last, count) = (-1L, -1L, 0);
        for (var tick = 0; tick < log.Keys.Length && !cancellation.IsCancellationRequested; tick++)
        {
            world.Advance(log.Keys[tick], LocalResults.Instance);
            if (tick < from || tick > to)
            {
                continue;
            }

            var rgb = FrameRenderer.Render(world, format);
            frames.AppendData(rgb);
            recorder?.Write(tick, rgb, format.FrameWidth, format.FrameHeight);
            first = first < 0 ? tick : first;
            last = tick;
            count++;
        }

        return new ReplayResult(log.SessionId, log.Game, log.Keys.Length, count, first, last,
            Convert.ToHexStringLower(frames.GetCurrentHash()), world.Digest());
    }
}

/// <summary>What a replay printed: <c>framesDigest</c> is SHA-256 over the RGB frames of ticks firstTick..lastTick in order.</summary>
public sealed record ReplayResult(string SessionId, string Game, long Ticks, int Frames, long FirstTick, long LastTick, string FramesDigest, string WorldDigest);
