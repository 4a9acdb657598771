using P2C2R.Coordinator.Ledger;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Tests;

/// <summary>The double-entry ledger: exact cumulative charging, credits only when durable, sums of zero, and recovery.</summary>
public sealed class LedgerTests : PersistentTestKit
{
    [Fact]
    public void Play_is_charged_cumulatively_to_the_credit_and_a_repeat_or_an_older_report_charges_nothing()
    {
        var ledger = Sys.ActorOf(Props.Create(() => new CreditLedger(new CoordinatorSettings { ChargePerSecond = 7 })));

        foreach (var ms in new long[] { 333, 1000, 999, 1000, 1001, 2999 })
        {
            ledger.Tell(new ChargePlay("s1", "ann", ms), TestActor);
        }

        ledger.Tell(new QueryGamerBalance("ann"), TestActor);
        Assert.Equal(new AccountBalance("ann", -(2999 * 7 / 1000)), ExpectMsg<AccountBalance>());
    }

    [Fact]
    public void Helper_credits_are_reported_only_once_posted_donations_go_to_the_fund_and_every_balance_sums_to_zero()
    {
        var ledger = Sys.ActorOf(Props.Create(() => new CreditLedger(new CoordinatorSettings { ChargePerSecond = 1000 })));
        ledger.Tell(new ChargePlay("s1", "ann", 1500), TestActor);
        foreach (var amount in new long[] { 5, 7, 11 })
        {
            ledger.Tell(new CreditHelper("vol", amount), TestActor);
        }

        ledger.Tell(new CreditHelper("giver", 17, Donate: true), TestActor);

        var posted = ExpectMsg<CreditsPosted>(TimeSpan.FromSeconds(3));
        ledger.Tell(QueryLedger.Instance, TestActor);
        var ledgerBalances = ExpectMsg<LedgerBalances>();
        var balances = ledgerBalances.Balances;

        Assert.Equal(("vol", 23L), (posted.Account, posted.Credits));
        Assert.Equal(4, ledgerBalances.TasksPaid);
        Assert.Equal(23, balances["helper:vol"]);
        Assert.Equal(17, balances[CreditLedger.CommunityFund]);
        Assert.False(balances.ContainsKey("helper:giver"));
        Assert.Equal(-1500, balances["gamer:ann"]);
        Assert.Equal(0, balances.Values.Sum());
    }

    /// <summary>
    /// A day of charges and credits, then the actor system stops and another starts on the same
    /// journal: every balance and the count of tasks paid come back, from the events alone (a snapshot every 1000) or from
    /// snapshots and the events after them (every 7), and charging goes on where it stopped.
    /// </summary>
    [Theory]
    [InlineData(1000)]
    [InlineData(7)]
    public async Task Charges_and_credits_survive_a_restart_of_the_actor_system_on_the_same_journal(int snapshotEvery)
    {
        var settings = new CoordinatorSettings { ChargePerSecond = 13, LedgerSnapshotEvery = snapshotEvery };
        var first = StartSystem();
        var probe = CreateTestProbe(first);
        var ledger = first.ActorOf(Props.Create(() => new CreditLedger(settings)), CreditLedger.Name);
        var random = new Random(20261122);
        var played = new long[5];
        var credited = 0L;
        var tasks = 0L;
        for (var i = 0; i < 400; i++)
        {
            if (random.Next(3) == 0)
            {
                var amount = random.Next(1, 50);
                credited += amount;
                tasks++;
                ledger.Tell(new CreditHelper($"vol-{random.Next(4)}", amount), probe.Ref);
                continue;
            }

            var session = random.Next(played.Length);
            played[session] += random.Next(1, 700);
            ledger.Tell(new ChargePlay($"s{session}", $"gamer-{session % 3}", played[session]), probe.Ref);
        }

        IReadOnlyDictionary<string, long> original = new Dictionary<string, long>();
        var originalTasks = 0L;
        probe.AwaitAssert(() =>
        {
            ledger.Tell(QueryLedger.Instance, probe.Ref);
            var answer = probe.FishForMessage<LedgerBalances>(_ => true, TimeSpan.FromSeconds(1));
            (original, originalTasks) = (answer.Balances, answer.TasksPaid);
            Assert.Equal(credited, original.Where(b => b.Key.StartsWith("helper:", StringComparison.Ordinal)).Sum(b => b.Value));
        }, TimeSpan.FromSeconds(15));
        await StopAsync(first);

        var second = StartSystem();
        var asker = CreateTestProbe(second);
        var recovered = second.ActorOf(Props.Create(() => new CreditLedger(settings)), CreditLedger.Name);
        recovered.Tell(QueryLedger.Instance, asker.Ref);
        var replayedAnswer = asker.ExpectMsg<LedgerBalances>();
        var replayed = replayedAnswer.Balances;
        recovered.Tell(new ChargePlay("s0", "gamer-0", played[0] + 1000), asker.Ref);
        recovered.Tell(new QueryGamerBalance("gamer-0"), asker.Ref);
        var after = asker.ExpectMsg<AccountBalance>().Credits;

        Assert.Equal(0, original.Values.Sum());
        Assert.Equal((tasks, tasks), (originalTasks, replayedAnswer.TasksPaid));
        Assert.Equal(original.OrderBy(b => b.Key), replayed.OrderBy(b => b.Key));
        for (var gamer = 0; gamer < 3; gamer++)
        {
            var expected = Enumerable.Range(0, played.Length).Where(s => s % 3 == gamer).Sum(s => played[s] * 13 / 1000);
            Assert.Equal(-expected, original.GetValueOrDefault($"gamer:gamer-{gamer}"));
        }

        var s0Before = played[0] * 13 / 1000;
        Assert.Equal(original["gamer:gamer-0"] - ((played[0] + 1000) * 13 / 1000 - s0Before), after);
    }
}
