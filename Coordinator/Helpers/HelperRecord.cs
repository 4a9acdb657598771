using Akka.Actor;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// The registry's mutable record of a helper, kept by account and name so a helper that
/// reconnects keeps its reputation, credits and quarantine. Reputation moves slowly up with each
/// validated result and sharply down on a wrong one: trust is earned over many tasks and lost in
/// one. Lateness and failures cost a little each and never push a helper into quarantine: a
/// slow but honest helper only loses priority, while wrong results are what quarantine.
/// Credits are not kept here: the ledger owns them.
/// </summary>
internal sealed class HelperRecord(long id, string key)
{
    public long Id { get; } = id;

    public string Key { get; } = key;

    public IActorRef? Ref { get; set; }

    public HelperCapabilities? Capabilities { get; set; }

    public string Account { get; set; } = "";

    public string Host { get; set; } = "";

    public double Reputation { get; private set; } = 0.5;

    public long Validated { get; private set; }

    public long Rejected { get; private set; }

    public DateTime QuarantinedUntil { get; private set; }

    public int Active { get; set; }

    public int Capacity { get; set; } = 1;

    public bool IsQuarantined(DateTime now) => now < QuarantinedUntil;

    public void Apply(Judgement judgement, CoordinatorSettings settings, DateTime now)
    {
        switch (judgement.Kind)
        {
            case JudgementKind.Validated:
                Reputation += (1 - Reputation) * 0.05;
                Validated++;
                break;
            case JudgementKind.Rejected:
                Reputation *= 0.3;
                Rejected++;
                break;
            case JudgementKind.TimedOut or JudgementKind.Failed:
                Reputation = Math.Max(Math.Min(Reputation, settings.QuarantineThreshold + 0.05), Reputation - 0.005);
                break;
        }

        if (Reputation < settings.QuarantineThreshold && !IsQuarantined(now))
        {
            QuarantinedUntil = now + settings.QuarantineTime;
        }

        Changed = true;
    }

    /// <summary>True when the reputation moved since it was last journalled.</summary>
    public bool Changed { get; set; }

    public ReputationChanged Journalled() => new(Key, Reputation, Validated, Rejected, QuarantinedUntil.Ticks);

    public void Restore(ReputationChanged changed)
    {
        (Reputation, Validated, Rejected) = (changed.Reputation, changed.Validated, changed.Rejected);
        QuarantinedUntil = new DateTime(changed.QuarantinedUntilTicks, DateTimeKind.Utc);
    }

    public HelperView View(CoordinatorSettings settings, DateTime now) => new(
        Id, Ref!, Capabilities!.Name, Account, Host, Reputation,
        Reputation >= settings.TrustThreshold, IsQuarantined(now), Capacity, Active, Capabilities.FrameMs, Capabilities.TaskTypes)
    {
        BlobCacheBytes = Capabilities.BlobCacheBytes,
    };
}
