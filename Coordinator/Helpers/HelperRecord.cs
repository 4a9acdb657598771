using System.Net;
using Akka.Actor;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// The registry's mutable record of a helper, kept by account and name so a helper that
/// reconnects keeps its standing, credits and quarantine. Trust is its run of consecutive valid
/// results (<see cref="ValidRun"/>, <see cref="AdaptiveReplication"/>): earned over many replicated
/// tasks, lost with one wrong result, which also quarantines the helper at once, since a result
/// proven wrong is cheating or broken hardware and either must stop getting work. Reputation is
/// only a priority: it moves slowly up with each valid result and a little down with each
/// lateness or failure, so a slow but honest helper gets less work, never quarantine.
/// Credits are not kept here: the ledger owns them.
/// </summary>
internal sealed class HelperRecord(long id, string key)
{
    /// <summary>Lateness and failures lower the reputation this far at most: they cost priority, not the helper's place.</summary>
    private const double LatenessFloor = 0.25;

    public long Id { get; } = id;

    public string Key { get; } = key;

    public IActorRef? Ref { get; set; }

    public HelperCapabilities? Capabilities { get; set; }

    public string Account { get; set; } = "";

    /// <summary>The connection's observed remote address.</summary>
    public IPAddress Address { get; set; } = IPAddress.None;

    /// <summary>The <see cref="HostGroup"/> of <see cref="Address"/>: what replicas must differ in.</summary>
    public string Host { get; set; } = "";

    public double Reputation { get; private set; } = 0.5;

    public long Validated { get; private set; }

    public long Rejected { get; private set; }

    /// <summary>Consecutive valid results since the last rejected one.</summary>
    public long ValidRun { get; private set; }

    public DateTime QuarantinedUntil { get; private set; }

    public int Active { get; set; }

    public int Capacity { get; set; } = 1;

    /// <summary>True when the standing moved since it was last journalled.</summary>
    public bool Changed { get; set; }

    public bool IsQuarantined(DateTime now) => now < QuarantinedUntil;

    public void Apply(Judgement judgement, CoordinatorSettings settings, DateTime now)
    {
        switch (judgement.Kind)
        {
            case JudgementKind.Validated:
                Reputation += (1 - Reputation) * 0.05;
                Validated++;
                ValidRun++;
                break;
            case JudgementKind.Rejected:
                Reputation *= 0.3;
                Rejected++;
                ValidRun = 0;
                QuarantinedUntil = now + settings.QuarantineTime;
                break;
            case JudgementKind.TimedOut or JudgementKind.Failed:
                Reputation = Math.Max(Math.Min(Reputation, LatenessFloor), Reputation - 0.005);
                break;
        }

        Changed = true;
    }

    public ReputationChanged Journalled() => new(Key, Reputation, Validated, Rejected, QuarantinedUntil.Ticks, ValidRun);

    public void Restore(ReputationChanged changed)
    {
        (Reputation, Validated, Rejected, ValidRun) = (changed.Reputation, changed.Validated, changed.Rejected, changed.ValidRun);
        QuarantinedUntil = new DateTime(changed.QuarantinedUntilTicks, DateTimeKind.Utc);
    }

    public HelperView View(AdaptiveReplication replication, DateTime now) => new(
        Id, Ref!, Capabilities!.Name, Account, Host, Reputation,
        replication.Trusted(ValidRun), IsQuarantined(now), Capacity, Active, Capabilities.FrameMs, Capabilities.TaskTypes)
    {
        ValidRun = ValidRun,
        Validated = Validated,
        PublicName = Capabilities.PublicName,
        BlobCacheBytes = Capabilities.BlobCacheBytes,
        ReplicationRate = replication.Rate(ValidRun),
    };
}
