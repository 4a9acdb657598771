using P2C2R.Coordinator.Scheduling.Locality;
using P2C2R.Edge.Blobs;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Scheduling;

/// <summary>
/// Data locality (docs/PROTOCOL.md §7): large input parts travel to a helper once, as blobs, and
/// are then named by digest; what a helper computed stays there for the next task of its chain.
/// </summary>
public sealed partial class DeadlineScheduler
{
    /// <summary>Bytes an AssignTask or BlobData costs beyond its payload (frame header, ids, type, deadline): counted so the figure is the wire's.</summary>
    private const int MessageOverhead = 48;

    /// <summary>Bytes one splice adds to an AssignTask: offset and digest.</summary>
    private const int SpliceOverhead = 40;

    /// <summary>
    /// Sends <paramref name="pending"/> to <paramref name="helper"/>: first every blob it is not
    /// believed to hold, then the task with those parts named by digest. Both go through the
    /// helper's connection in this order. Returns the bytes sent.
    /// </summary>
    private long Transmit(PendingTask pending, HelperState helper, int deadlineMs)
    {
        var work = pending.Work;
        var (part, blobPart) = pending.IsCanary ? (" canary", " canary blobs") : pending.SentAt.Count > 1 ? (" copy", " copy blobs") : ("", " blobs");
        if (pending.Segments.Length == 0)
        {
            helper.View.Ref.Tell(new AssignTask(pending.Id, work.TaskType, work.Input, deadlineMs), Self);
            Stats.Sent(work.TaskType, part, work.Input.Length + MessageOverhead);
            return work.Input.Length + MessageOverhead;
        }

        long bytes = 0;
        var splices = new BlobSplice[pending.Segments.Length];
        var inlineLength = work.Input.Length;
        foreach (var segment in pending.Segments)
        {
            inlineLength -= segment.Blob.Length;
        }

        var inline = new byte[inlineLength];
        var taken = 0;
        var written = 0;
        for (var i = 0; i < splices.Length; i++)
        {
            var (offset, blob) = pending.Segments[i];
            work.Input.AsSpan(taken, offset - taken).CopyTo(inline.AsSpan(written));
            written += offset - taken;
            taken = offset + blob.Length;
            splices[i] = new BlobSplice(written, _blobs.DigestOf(blob));
            if (!helper.Held.Contains(blob))
            {
                helper.View.Ref.Tell(new BlobData(splices[i].Digest, blob.Content.ToArray()), Self);
                bytes += blob.Length + MessageOverhead;
                Stats.BlobBytes += blob.Length;
                Stats.Sent(work.TaskType, blobPart, blob.Length + MessageOverhead);
            }

            helper.Held.Add(blob);
        }

        work.Input.AsSpan(taken).CopyTo(inline.AsSpan(written));
        helper.View.Ref.Tell(new AssignTask(pending.Id, work.TaskType, inline, deadlineMs, splices), Self);
        var message = inline.Length + MessageOverhead + splices.Length * SpliceOverhead;
        Stats.Sent(work.TaskType, part, message);
        return bytes + message;
    }

    /// <summary>The helper's cache lost blobs it was believed to hold: they are sent again, and charged to the task that names them.</summary>
    private void OnBlobRequest(BlobRequest request)
    {
        var helperId = HelperOf(Sender);
        if (helperId < 0 || !_helpers.TryGetValue(helperId, out var helper))
        {
            return;
        }

        foreach (var digest in request.Digests.Take(BlobSplicing.MaxSplices))
        {
            if (!_blobs.TryGet(digest, out var blob))
            {
                continue;
            }

            Sender.Tell(new BlobData(digest, blob.Content.ToArray()), Self);
            helper.Held.Add(blob);
            Stats.BlobBytes += blob.Length;
            Stats.Sent("blob.request", "", blob.Length + MessageOverhead);
            Stats.BlobRequests++;
            var owner = _pending.Values.FirstOrDefault(p => !p.Done && p.SentAt.ContainsKey(helperId) && Array.Exists(p.Segments, s => s.Blob == blob));
            if (owner is not null)
            {
                owner.BytesSent += blob.Length + MessageOverhead;
            }
        }
    }

    /// <summary>The helpers whose result was the delivered one hold its large parts now (they keep their outputs' blobs).</summary>
    private void RecordHeld(PendingTask pending, byte[] output)
    {
        BlobSegment[]? segments = null;
        foreach (var (helperId, result) in pending.Results)
        {
            if (!result.AsSpan().SequenceEqual(output) || !_helpers.TryGetValue(helperId, out var helper))
            {
                continue;
            }

            segments ??= _blobs.Segments(output);
            foreach (var segment in segments)
            {
                helper.Held.Add(segment.Blob);
            }
        }
    }

    /// <summary>
    /// A frame chain's home: the first two helpers that took its work, for as long as they stay
    /// (connected and not quarantined). It does not follow each task: a band spilled to another
    /// helper under load would otherwise move the home, and the next upscale or delta would lack
    /// what the last one made. Newcomers prove themselves on copies instead (<see cref="Explorer"/>).
    /// </summary>
    private void MakeHome(long affinity, long helperId)
    {
        if (!_homes.TryGetValue(affinity, out var homes))
        {
            _homes[affinity] = homes = [];
        }

        homes.RemoveAll(id => !_helpers.TryGetValue(id, out var home) || home.View.Quarantined);
        if (homes.Count < ChainHomes && !homes.Contains(helperId))
        {
            homes.Add(helperId);
        }
    }

    /// <summary>
    /// A newcomer (not trusted yet) to send a copy of a task that would otherwise run on one trusted helper alone:
    /// a chain's work stays at its home, so a helper that joins later would get none of it and
    /// never earn trust. Each newcomer gets at most <see cref="ExplorationSamples"/> such copies,
    /// whatever blobs they cost, one at a time, on an account and host the task's holder does
    /// not have; its answers are compared with the holder's like any replica's.
    /// </summary>
    private HelperState? Explorer(PendingTask pending)
    {
        HelperState? chosen = null;
        foreach (var (id, state) in _helpers)
        {
            var view = state.View;
            if (view.Trusted || view.Quarantined || state.Explored >= ExplorationSamples || state.Latency.Count >= ExplorationSamples
                || state.InFlight > 0 || pending.SentAt.ContainsKey(id) || !view.Runs(pending.Work.TaskType)
                || pending.SentAt.Keys.Any(other => _helpers.TryGetValue(other, out var holder) && (holder.View.Account == view.Account || holder.View.Host == view.Host)))
            {
                continue;
            }

            if (chosen is null || state.Explored < chosen.Explored)
            {
                chosen = state;
            }
        }

        return chosen;
    }
}
