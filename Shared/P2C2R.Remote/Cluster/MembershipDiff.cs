namespace P2C2R.Remote.Cluster;

/// <summary>
/// The events that turn one membership view into the next, in lifecycle order per member, so
/// every member publishes the same events for the same change whatever views it skipped.
/// </summary>
internal static class MembershipDiff
{
    public static IEnumerable<ClusterEvent> Between(IReadOnlyList<Member> before, IReadOnlyList<Member> after)
    {
        foreach (var member in after)
        {
            var old = before.FirstOrDefault(m => m.Address == member.Address && m.Uid == member.Uid);
            var from = old?.Status;
            if (member.Status == MemberStatus.Removed)
            {
                if (old is not null)
                {
                    yield return new MemberRemoved(member, old.Status);
                }

                continue;
            }

            foreach (var step in StepsBetween(from, member.Status))
            {
                yield return Event(step, member with { Status = step });
            }

            if (old is not null && old.Reachable != member.Reachable)
            {
                yield return member.Reachable ? new ReachableMember(member) : new UnreachableMember(member);
            }
            else if (old is null && !member.Reachable)
            {
                yield return new UnreachableMember(member);
            }
        }

        foreach (var old in before)
        {
            if (!after.Any(m => m.Address == old.Address && m.Uid == old.Uid))
            {
                yield return new MemberRemoved(old with { Status = MemberStatus.Removed }, old.Status);
            }
        }
    }

    private static IEnumerable<MemberStatus> StepsBetween(MemberStatus? from, MemberStatus to)
    {
        if (from == to)
        {
            yield break;
        }

        if (to == MemberStatus.Down)
        {
            yield return MemberStatus.Down;
            yield break;
        }

        var start = from is null ? MemberStatus.Joining : from.Value + 1;
        for (var status = start; status <= to; status++)
        {
            yield return status;
        }
    }

    private static ClusterEvent Event(MemberStatus status, Member member) => status switch
    {
        MemberStatus.Joining => new MemberJoined(member),
        MemberStatus.Up => new MemberUp(member),
        MemberStatus.Leaving => new MemberLeft(member),
        MemberStatus.Exiting => new MemberExited(member),
        MemberStatus.Down => new MemberDowned(member),
        _ => new MemberRemoved(member, status),
    };
}
