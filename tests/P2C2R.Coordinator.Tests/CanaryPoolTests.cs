using P2C2R.Coordinator.Scheduling;

namespace P2C2R.Coordinator.Tests;

/// <summary>Canaries drawn from settled live tasks: in the live mix, never a helper's own work, in bounded memory.</summary>
public sealed class CanaryPoolTests
{
    private static readonly Func<string, bool> RunsAll = _ => true;

    [Fact]
    public void An_empty_pool_draws_nothing()
    {
        var pool = new CanaryPool<string>(32, 1 << 20);

        Assert.False(pool.TryDraw(new Random(1), RunsAll, 7, out var work, out var hash));
        Assert.Null(work);
        Assert.Null(hash);
    }

    [Fact]
    public void Types_are_drawn_in_proportion_to_how_often_they_settle_among_those_the_helper_runs()
    {
        var pool = new CanaryPool<string>(32, 1 << 20);
        for (var i = 0; i < 1000; i++)
        {
            var type = (i % 10) switch { < 6 => "render", < 9 => "physics", _ => "ai" };
            pool.Add(type, type + i, "hash" + i, [1], 100);
        }

        var random = new Random(42);
        var drawn = new Dictionary<string, int>(StringComparer.Ordinal) { ["render"] = 0, ["physics"] = 0, ["ai"] = 0 };
        for (var helper = 100; helper < 4100; helper++)
        {
            Assert.True(pool.TryDraw(random, RunsAll, helper, out var work, out _));
            drawn[work.TrimEnd("0123456789".ToCharArray())]++;
        }

        Assert.InRange(drawn["render"], 2200, 2600);
        Assert.InRange(drawn["physics"], 1000, 1400);
        Assert.InRange(drawn["ai"], 300, 500);

        var withoutRender = new Dictionary<string, int>(StringComparer.Ordinal) { ["physics"] = 0, ["ai"] = 0 };
        for (var helper = 5000; helper < 7000; helper++)
        {
            Assert.True(pool.TryDraw(random, type => type != "render", helper, out var work, out _));
            withoutRender[work.TrimEnd("0123456789".ToCharArray())]++;
        }

        Assert.InRange(withoutRender["physics"], 1400, 1600);
        Assert.InRange(withoutRender["ai"], 400, 600);
    }

    [Fact]
    public void A_helper_is_never_drawn_a_task_it_computed_nor_one_it_was_given_before()
    {
        var pool = new CanaryPool<string>(8, 1 << 20);
        for (var i = 0; i < 8; i++)
        {
            pool.Add("render", "mine" + i, "h" + i, i % 2 == 0 ? [5, 6] : [6, 9], 10);
        }

        var random = new Random(3);
        var given = new List<string>();
        while (pool.TryDraw(random, RunsAll, 5, out var work, out var hash))
        {
            Assert.Equal("h" + work[^1], hash);
            given.Add(work);
            Assert.True(given.Count <= 4);
        }

        Assert.Equal(["mine1", "mine3", "mine5", "mine7"], given.Order(StringComparer.Ordinal));
        Assert.False(pool.TryDraw(random, RunsAll, 6, out _, out _));
        Assert.True(pool.TryDraw(random, RunsAll, 9, out var other, out _));
        Assert.Contains(other, (string[])["mine0", "mine2", "mine4", "mine6"]);
    }

    [Fact]
    public void A_helper_that_runs_none_of_the_types_held_is_drawn_nothing()
    {
        var pool = new CanaryPool<string>(32, 1 << 20);
        pool.Add("render", "r", "h", [1], 10);

        Assert.False(pool.TryDraw(new Random(1), type => type == "physics", 2, out _, out _));
    }

    [Fact]
    public void Each_type_keeps_its_newest_tasks_and_all_inputs_together_stay_under_the_byte_cap()
    {
        var pool = new CanaryPool<int>(4, 1000);
        for (var i = 0; i < 10; i++)
        {
            pool.Add("physics", i, "h", [], 10);
        }

        Assert.Equal((4, 40L), (pool.Count, pool.Bytes));
        Assert.Equal([6, 7, 8, 9], DrawAll(pool, "physics"));

        for (var i = 0; i < 400; i++)
        {
            pool.Add("t" + (i % 100), 1000 + i, "h", [], 300);
            Assert.True(pool.Bytes <= 1000);
        }

        Assert.Equal(3, pool.Count);
        Assert.Equal(900, pool.Bytes);
        pool.Add("render", 2, "h", [], 1001);
        Assert.Equal(3, pool.Count);
        Assert.False(pool.TryDraw(new Random(1), type => type == "render", 1, out _, out _));
    }

    [Fact]
    public void The_same_seed_draws_the_same_canaries()
    {
        static int[] Draws(int seed)
        {
            var pool = new CanaryPool<int>(32, 1 << 20);
            for (var i = 0; i < 200; i++)
            {
                pool.Add("t" + (i % 7), i, "h", [i % 5], 10);
            }

            var random = new Random(seed);
            return [.. Enumerable.Range(0, 50).Select(helper => pool.TryDraw(random, RunsAll, helper % 5, out var work, out _) ? work : -1)];
        }

        Assert.Equal(Draws(11), Draws(11));
        Assert.NotEqual(Draws(11), Draws(12));
    }

    private static int[] DrawAll(CanaryPool<int> pool, string type)
    {
        var random = new Random(1);
        var drawn = new List<int>();
        while (pool.TryDraw(random, t => t == type, 1, out var work, out _))
        {
            drawn.Add(work);
        }

        return [.. drawn.Order()];
    }
}
