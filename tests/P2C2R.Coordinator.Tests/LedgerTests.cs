using P2C2R.Coordinator.Ledger;
using P2C2R.Protocol;

namespace P2C2R.Coordinator.Tests;

/// <summary>The double-entry ledger: exact cumulative charging, credits only when durable, sums of zero, and replay.</summary>
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

        ledger.Tell(new QueryBalance("gamer:ann"), TestActor);
        Assert.Equal(-(2999 * 7 / 1000), ExpectMsg<AccountBalance>().Credits);
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

        var posted = ExpectMsg<CreditsPosted>(timeout: TimeSpan.FromSeconds(3));
        ledger.Tell(new QueryLedger(), TestActor);
        var balances = ExpectMsg<LedgerBalances>().Balances;

        Assert.Equal(("vol", 23L), (posted.Account, posted.Credits));
        Assert.Equal(23, balances["helper:vol"]);
        Assert.Equal(17, balances[CreditLedger.CommunityFund]);
        Assert.False(balances.ContainsKey("helper:giver"));
        Assert.Equal(-1500, balances["gamer:ann"]);
        Assert.Equal(0, balances.Values.Sum());
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(7)]
    public void A_random_day_of_charges_and_credits_sums_to_zero_and_replays_to_the_same_balances(int snapshotEvery)
    {
        var settings = new CoordinatorSettings { ChargePerSecond = 13, LedgerSnapshotEvery = snapshotEvery };
        var ledger = Sys.ActorOf(Props.Create(() => new CreditLedger(settings)));
        var random = new Random(20261122);
        var played = new long[5];
        var credited = 0L;
        for (var i = 0; i < 400; i++)
        {
            if (random.Next(3) == 0)
            {
                var amount = random.Next(1, 50);
                credited += amount;
                ledger.Tell(new CreditHelper($"vol-{random.Next(4)}", amount), TestActor);
                continue;
            }

            var session = random.Next(played.Length);
            played[session] += random.Next(1, 700);
            ledger.Tell(new ChargePlay($"s{session}", $"gamer-{session % 3}", played[session]), TestActor);
        }

        AwaitAssert(() =>
        {
            ledger.Tell(new QueryLedger(), TestActor);
            var balances = FishForMessage<LedgerBalances>(_ => true).Balances;
            Assert.Equal(credited, balances.Where(b => b.Key.StartsWith("helper:", StringComparison.Ordinal)).Sum(b => b.Value));
        }, TimeSpan.FromSeconds(5));
        ledger.Tell(new QueryLedger(), TestActor);
        var original = FishForMessage<LedgerBalances>(_ => true).Balances;

        var recovered = Restarted().ActorOf(Props.Create(() => new CreditLedger(settings)));
        recovered.Tell(new QueryLedger(), TestActor);
        var replayed = FishForMessage<LedgerBalances>(_ => true).Balances;

        Assert.Equal(0, original.Values.Sum());
        Assert.Equal(original.OrderBy(b => b.Key), replayed.OrderBy(b => b.Key));
        for (var gamer = 0; gamer < 3; gamer++)
        {
            var expected = Enumerable.Range(0, played.Length).Where(s => s % 3 == gamer).Sum(s => played[s] * 13 / 1000);
            Assert.Equal(-expected, original.GetValueOrDefault($"gamer:gamer-{gamer}"));
        }
    }
}
