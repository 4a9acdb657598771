using System.Security.Cryptography;
using System.Text.Json;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using P2C2R.GamerClient.Connection;
using P2C2R.GamerClient.Play;
using P2C2R.GamerClient.Tests.Support;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Tests;

/// <summary>The play actor against a probe standing in for the edge: what it sends, and what it makes of what comes back.</summary>
public sealed class PlayActorTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly TaskCompletionSource<SessionStarted> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SessionEnded> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task Starts_a_session_on_the_first_connection_and_decodes_its_frames_in_order()
    {
        var edge = CreateTestProbe();
        var player = Start(edge, new PlayOptions(TicksPerSecond: 30));

        player.Tell(TestEdge.Connected());
        Assert.Equal(30, edge.ExpectMsg<StartSession>().TicksPerSecond);
        player.Tell(new SessionStarted("s-1", 30), edge);
        Assert.Equal("s-1", (await _started.Task.WaitAsync(Wait)).SessionId);

        var frames = new[] { TestFrames.Rgb(0), TestFrames.Rgb(1), TestFrames.Rgb(2) };
        player.Tell(TestFrames.Key(0, frames[0]), edge);
        player.Tell(TestFrames.Delta(1, frames[0], frames[1]), edge);
        player.Tell(TestFrames.Delta(2, frames[1], frames[2]), edge);

        var report = await Report(player);
        Assert.Equal("s-1", report.GetProperty("sessionId").GetString());
        Assert.Equal(3, report.GetProperty("frames").GetInt64());
        Assert.Equal(0, report.GetProperty("firstTick").GetInt64());
        Assert.Equal(2, report.GetProperty("lastTick").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(frames.SelectMany(f => f).ToArray())), report.GetProperty("framesDigest").GetString());
    }

    [Fact]
    public async Task Resumes_its_session_when_the_connection_comes_back_and_holds_the_keys_again()
    {
        var edge = CreateTestProbe();
        var player = await Started(edge, new PlayOptions());
        player.Tell(new HoldKeys(1));
        Assert.Equal(new PlayerInput(1, 1), edge.ExpectMsg<PlayerInput>());

        player.Tell(TestEdge.Lost);
        player.Tell(new HoldKeys(8));
        edge.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        player.Tell(TestEdge.Connected());
        Assert.Equal("s-1", edge.ExpectMsg<ResumeSession>().SessionId);
        player.Tell(new SessionStarted("s-1", 30), edge);
        Assert.Equal(new PlayerInput(2, 8), edge.ExpectMsg<PlayerInput>());

        var report = await Report(player);
        Assert.Equal(1, report.GetProperty("resumes").GetInt32());
        Assert.Equal(1, report.GetProperty("reconnects").GetInt32());
    }

    [Fact]
    public async Task Resuming_from_a_new_process_numbers_the_inputs_above_the_last_the_session_applied()
    {
        var edge = CreateTestProbe();
        var player = Start(edge, new PlayOptions(ResumeSessionId: "s-1"));
        player.Tell(TestEdge.Connected());
        Assert.Equal("s-1", edge.ExpectMsg<ResumeSession>().SessionId);
        player.Tell(new SessionStarted("s-1", 30, LastInput: 41), edge);
        await _started.Task.WaitAsync(Wait);

        player.Tell(new HoldKeys(1));
        player.Tell(new HoldKeys(8));

        Assert.Equal(new PlayerInput(42, 1), edge.ExpectMsg<PlayerInput>());
        Assert.Equal(new PlayerInput(43, 8), edge.ExpectMsg<PlayerInput>());
    }

    [Fact]
    public async Task A_session_recovered_behind_the_inputs_sent_does_not_number_them_back()
    {
        var edge = CreateTestProbe();
        var player = await Started(edge, new PlayOptions());
        player.Tell(new HoldKeys(1));
        player.Tell(new HoldKeys(8));
        player.Tell(new HoldKeys(1));
        Assert.Equal(3, edge.ReceiveN(3).Cast<PlayerInput>().Last().Sequence);

        player.Tell(TestEdge.Lost);
        player.Tell(TestEdge.Connected());
        edge.ExpectMsg<ResumeSession>();
        player.Tell(new SessionStarted("s-1", 30, LastInput: 1), edge);

        Assert.Equal(new PlayerInput(4, 1), edge.ExpectMsg<PlayerInput>());
    }

    [Fact]
    public async Task Sends_input_only_when_the_held_keys_change()
    {
        var edge = CreateTestProbe();
        var player = await Started(edge, new PlayOptions());

        player.Tell(new HoldKeys(1 | 16));
        player.Tell(new HoldKeys(1 | 16));
        player.Tell(new HoldKeys(0));

        Assert.Equal(new PlayerInput(1, 17), edge.ExpectMsg<PlayerInput>());
        Assert.Equal(new PlayerInput(2, 0), edge.ExpectMsg<PlayerInput>());
        edge.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task The_autopilot_steers_by_itself()
    {
        var edge = CreateTestProbe();
        await Started(edge, new PlayOptions(Autopilot: true) { SteerEvery = TimeSpan.FromMilliseconds(20) });

        Assert.Equal(new PlayerInput(1, 1), edge.ExpectMsg<PlayerInput>(Wait));
        Assert.Equal(new PlayerInput(2, 1 | 8), edge.ExpectMsg<PlayerInput>(Wait));
    }

    [Fact]
    public async Task Resuming_an_unknown_session_fails_the_start()
    {
        var edge = CreateTestProbe();
        var player = Start(edge, new PlayOptions(ResumeSessionId: "gone"));

        player.Tell(TestEdge.Connected());
        Assert.Equal("gone", edge.ExpectMsg<ResumeSession>().SessionId);
        player.Tell(new SessionNotFound("gone"), edge);

        var error = await Assert.ThrowsAsync<SessionNotFoundException>(() => _started.Task.WaitAsync(Wait));
        Assert.Equal("gone", error.SessionId);
    }

    [Fact]
    public async Task After_a_reconnect_it_asks_again_while_the_coordinator_does_not_know_the_session_then_gives_up()
    {
        var edge = CreateTestProbe();
        var player = await Started(edge, new PlayOptions { ResumeRetry = TimeSpan.FromMilliseconds(50), ResumeAttempts = 3 });
        player.Tell(TestEdge.Lost);
        player.Tell(TestEdge.Connected());

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal("s-1", edge.ExpectMsg<ResumeSession>(Wait).SessionId);
            Assert.False(_ended.Task.IsCompleted);
            player.Tell(new SessionNotFound("s-1"), edge);
        }

        await Assert.ThrowsAsync<SessionNotFoundException>(() => _ended.Task.WaitAsync(Wait));
        edge.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Ending_play_ends_the_session_and_keeps_its_final_counters()
    {
        var edge = CreateTestProbe();
        var player = await Started(edge, new PlayOptions());

        player.Tell(EndPlay.Instance);
        Assert.Equal("s-1", edge.ExpectMsg<EndSession>().SessionId);
        player.Tell(new SessionEnded("other", SessionCounters.Zero with { Ticks = 99 }), edge);
        player.Tell(new SessionEnded("s-1", SessionCounters.Zero with { Ticks = 42 }), edge);

        Assert.Equal(42, (await _ended.Task.WaitAsync(Wait)).Counters.Ticks);
        Assert.Equal(42, (await Report(player)).GetProperty("ticks").GetInt64());
    }

    [Fact]
    public async Task Frames_go_to_the_view_and_the_recorder()
    {
        var edge = CreateTestProbe();
        var folder = Directory.CreateTempSubdirectory("gamer-record-");
        try
        {
            var view = new FrameHandOff();
            var player = await Started(edge, new PlayOptions(Recorder: new FrameRecorder(folder.FullName), View: view));
            player.Tell(TestFrames.Key(7, TestFrames.Rgb(7)), edge);
            await Report(player);

            Assert.True(view.TryTake(out var status));
            Assert.Equal(7, status.Tick);
            Assert.Equal(TestFrames.Rgb(7), status.Rgb);
            Assert.False(view.TryTake(out _));
            Assert.Equal(["frame-000007.png"], folder.GetFiles().Select(f => f.Name));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Each_frame_received_is_logged_with_its_tick_arrival_and_tick_start()
    {
        var edge = CreateTestProbe();
        var path = Path.GetTempFileName();
        try
        {
            var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            using (var log = new FrameLog(path))
            {
                var player = await Started(edge, new PlayOptions(FrameLog: log));
                player.Tell(TestFrames.Key(7, TestFrames.Rgb(7)), edge);
                player.Tell(TestFrames.Delta(8, TestFrames.Rgb(7), TestFrames.Rgb(8)), edge);
                await Report(player);
            }

            var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var lines = (await File.ReadAllLinesAsync(path)).Select(line => line.Split(' ').Select(long.Parse).ToArray()).ToArray();
            Assert.Equal([7L, 8L], lines.Select(line => line[0]));
            Assert.All(lines, line => Assert.InRange(line[1], before, after));
            Assert.All(lines, line => Assert.InRange(line[2], before, line[1]));
            Assert.True(lines[0][1] <= lines[1][1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private IActorRef Start(Akka.TestKit.TestProbe edge, PlayOptions options) =>
        Sys.ActorOf(PlayActor.Props(edge, options, _started, _ended));

    private async Task<IActorRef> Started(Akka.TestKit.TestProbe edge, PlayOptions options)
    {
        var player = Start(edge, options);
        player.Tell(TestEdge.Connected());
        edge.ExpectMsg<StartSession>();
        player.Tell(new SessionStarted("s-1", 30), edge);
        await _started.Task.WaitAsync(Wait);
        return player;
    }

    private static async Task<JsonElement> Report(IActorRef player) =>
        JsonDocument.Parse(await player.Ask<string>(new FinishPlay(1), Wait)).RootElement;
}
