using P2C2R.GameSdk;
using P2C2R.Games;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Tests.Support;

/// <summary>
/// One session of <see cref="FakeCoordinator"/>, kept across connections: with a frame format it
/// plays the built-in game as a coordinator would (world advanced once per tick with the held keys,
/// every task computed locally, each frame rendered and sent as a key frame) and keeps the input log;
/// without one it sends small synthetic frames.
/// </summary>
internal sealed class FakeSession
{
    private const int TicksPerSecond = 30;
    private readonly Lock _gate = new();
    private readonly List<int> _keys = [];
    private readonly FrameFormat? _format;
    private readonly IGameWorld? _world;

    public FakeSession(string id, string owner, FrameFormat? format)
    {
        Id = id;
        Owner = owner;
        _format = format;
        _world = format is null ? null : BuiltInGames.All[0].Create(new GameOptions(GameOptions.SeedOf(id), TicksPerSecond, format));
    }

    public string Id { get; }

    public string Owner { get; }

    public bool Active { get; set; } = true;

    /// <summary>The keys held from now on (the last input applied).</summary>
    public int Held { get; private set; }

    /// <summary>The highest input sequence applied, told to every gamer the session streams to.</summary>
    public long LastInput { get; private set; }

    /// <summary>Applies an input as a coordinator's session does: only one numbered above every input applied before.</summary>
    public void Apply(PlayerInput input)
    {
        lock (_gate)
        {
            if (input.Sequence > LastInput)
            {
                (LastInput, Held) = (input.Sequence, input.Keys);
            }
        }
    }

    public long Ticks
    {
        get
        {
            lock (_gate)
            {
                return _keys.Count;
            }
        }
    }

    public SessionCounters Counters => SessionCounters.Zero with { Ticks = Ticks, Frames = Ticks };

    /// <summary>Plays one tick and gives its frame.</summary>
    public FrameUpdate Next()
    {
        lock (_gate)
        {
            var tick = _keys.Count;
            _keys.Add(Held);
            var counters = SessionCounters.Zero with { Ticks = tick + 1, Frames = tick + 1 };
            if (_world is null || _format is null)
            {
                return TestFrames.Key(tick, TestFrames.Rgb(tick)) with { Counters = counters };
            }

            _world.Advance(Held, LocalResults.Instance);
            var rgb = FrameRenderer.Render(_world, _format);
            var started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
            return new FrameUpdate(tick, _format.FrameWidth, _format.FrameHeight, true, TestFrames.Deflate(rgb), started, counters);
        }
    }

    public InputLog? Log()
    {
        lock (_gate)
        {
            return _format is null
                ? null
                : new InputLog(Id, BuiltInGames.All[0].Name, GameOptions.SeedOf(Id), TicksPerSecond, _format.TraceWidth, _format.TraceHeight,
                    _format.FrameWidth, _format.FrameHeight, _format.Bands, [.. _keys]);
        }
    }
}
