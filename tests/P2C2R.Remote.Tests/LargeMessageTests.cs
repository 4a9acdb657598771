using System.Diagnostics;

namespace P2C2R.Remote.Tests;

/// <summary>
/// Large payloads travel as fragments, so heartbeats and small messages on the same association
/// interleave with them instead of queueing behind megabytes.
/// </summary>
[Collection(TimingSensitive.Name)]
public class LargeMessageTests() : RemoteTestKit(Strict)
{
    private const string Strict = """
        p2c2r.remote {
          heartbeat-interval = 100ms
          failure-detector { acceptable-heartbeat-pause = 0s, min-std-deviation = 50ms, first-heartbeat-estimate = 100ms }
        }
        """;

    [Fact]
    public void Heartbeats_and_small_messages_keep_flowing_while_1_MB_messages_stream()
    {
        var (other, otherRemote) = StartSystem("streamer", Strict);
        var sink = CreateTestProbe();
        var smallProbe = CreateTestProbe();
        var sinkThere = RefFrom(otherRemote, Remote, sink.Ref);
        var smallThere = RefFrom(otherRemote, Remote, smallProbe.Ref);
        sinkThere.Tell(new Ping(0), ActorRefs.NoSender);
        sink.ExpectMsg<Ping>();
        Thread.Sleep(500);
        var blob = new Blob(new byte[1024 * 1024]);
        const int Blobs = 48;

        var maxPhi = 0.0;
        var smallLatencies = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Blobs; i++)
        {
            sinkThere.Tell(blob, ActorRefs.NoSender);
        }

        var received = 0;
        var sequence = 0L;
        while (received < Blobs && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var sentAt = clock.Elapsed.TotalMilliseconds;
            smallThere.Tell(new Ping(++sequence), ActorRefs.NoSender);
            smallProbe.ExpectMsg<Ping>(p => p.Sequence == sequence, TimeSpan.FromSeconds(5));
            smallLatencies.Add(clock.Elapsed.TotalMilliseconds - sentAt);
            maxPhi = Math.Max(maxPhi, Remote.Phi(otherRemote.Address));
            while (sink.PendingCount > 0)
            {
                sink.ExpectMsg<Blob>();
                received++;
            }

            Thread.Sleep(10);
        }

        Assert.Equal(Blobs, received);
        Assert.True(maxPhi < 3, $"phi reached {maxPhi:0.0}: heartbeats were delayed behind the large messages");
        smallLatencies.Sort();
        Assert.True(smallLatencies[^1] < 250, $"a small message took {smallLatencies[^1]:0} ms while {Blobs} MB streamed (median {smallLatencies[smallLatencies.Count / 2]:0} ms)");
    }
}
