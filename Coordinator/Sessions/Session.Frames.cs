using Akka.Event;
using P2C2R.Coordinator.Observability;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Protocol.Contracts;
using P2C2R.Tasks;
using P2C2R.Tasks.Codec;
using P2C2R.Tasks.Render;

namespace P2C2R.Coordinator.Sessions;

/// <summary>The frame chain of a session: bands, then the upscale and the delta (one task or two), sent to the gamer in tick order.</summary>
public sealed partial class Session
{
    /// <summary>
    /// The safety net under the scheduler's own deadlines: frame tasks that went unanswered for
    /// <see cref="LostAfter"/> are sent again, so a lost result can delay a frame but never stall
    /// the session. A late duplicate answer is ignored.
    /// </summary>
    private void ResendLost()
    {
        var now = DateTime.UtcNow;
        foreach (var job in _frames.Values.Where(j => j.Waiting.Count > 0 && now - j.LastScheduled > LostAfter))
        {
            _log.Warning("Session {0}: {1} tasks of tick {2} unanswered for {3:0} ms; sending them again", _id, job.Waiting.Count, job.Tick, (now - job.LastScheduled).TotalMilliseconds);
            foreach (var (slot, work) in job.Waiting.ToArray())
            {
                job.Waiting[slot] = work with { Deadline = now + 2 * _tick };
                _scheduler.Tell(job.Waiting[slot], Self);
            }

            job.LastScheduled = now;
        }
    }

    private void OnWorkDone(WorkDone done)
    {
        if (done.ByHelper)
        {
            _helperComputed++;
            CoordinatorMetrics.TaskDone(done.TaskType, TaskOutcome.HelperAccepted);
        }

        if (done.CoordinatorComputed)
        {
            _coordinatorComputed++;
            CoordinatorMetrics.TaskDone(done.TaskType, TaskOutcome.CoordinatorComputed);
        }

        _cpuMicros += done.CpuMicros;
        _helperBytes += done.HelperBytes;
        CoordinatorMetrics.SentToHelpers(done.HelperBytes);
        var tick = done.Key / Slots;
        var slot = (int)(done.Key % Slots);
        if (slot == GameSlot)
        {
            _results.Accept(tick, done.Output);
            return;
        }

        if (!_frames.TryGetValue(tick, out var job) || !job.Waiting.Remove(slot))
        {
            return;
        }

        if (slot < _format.Bands)
        {
            job.Bands[slot] = Payload.Decode<ImageOutput>(done.Output).Rgb;
            if (_settings.FrameFinish == FrameFinish.OneTask)
            {
                EncodeInOrder();
            }
            else if (job.Traced)
            {
                job.Waiting[_upscaleSlot] = Schedule(tick * Slots + _upscaleSlot, TaskExecutors.Upscale, _format.Upscale(job.Bands!), DateTime.UtcNow + 2 * _tick);
                job.LastScheduled = DateTime.UtcNow;
            }
        }
        else if (slot == _upscaleSlot)
        {
            job.Upscaled = Payload.Decode<ImageOutput>(done.Output).Rgb;
            EncodeInOrder();
        }
        else if (slot == _finishSlot)
        {
            var deflated = Payload.Decode<DeltaDeflateOutput>(done.Output);
            _ready[tick] = new FrameUpdate(tick, _format.FrameWidth, _format.FrameHeight, deflated.KeyFrame, deflated.Deflate,
                (job.Started - DateTime.UnixEpoch).Ticks / 10, Counters(), job.Caption);
            _frames.Remove(tick);
            SendInOrder();
        }
    }

    /// <summary>
    /// Deltas chain frame to frame, so frames are finished in tick order as they become ready. A
    /// <c>render.finish</c> names this frame's bands and the last one's, which its chain's home
    /// traced and still holds, and returns only the delta for the gamer; a <c>codec.deflate</c>
    /// takes this frame and the last one upscaled.
    /// </summary>
    private void EncodeInOrder()
    {
        var oneTask = _settings.FrameFinish == FrameFinish.OneTask;
        while (_frames.TryGetValue(_nextToEncode, out var job) && (oneTask ? job.Traced : job.Upscaled is not null) && !job.Encoding)
        {
            job.Encoding = true;
            var previous = _nextToEncode % KeyFrameEvery == 0 ? null : _previous;
            var deadline = DateTime.UtcNow + 2 * _tick;
            var key = job.Tick * Slots + _finishSlot;
            if (oneTask)
            {
                job.Source = _format.Upscale(job.Bands!);
                job.Waiting[_finishSlot] = Schedule(key, TaskExecutors.Finish, new FinishInput(job.Source, previous?.Source, 1), deadline);
            }
            else
            {
                job.Waiting[_finishSlot] = Schedule(key, TaskExecutors.Deflate, new DeltaDeflateInput(previous?.Upscaled ?? [], job.Upscaled!, 1), deadline);
            }

            job.LastScheduled = DateTime.UtcNow;
            _previous = job;
            _nextToEncode++;
        }
    }

    private void SendInOrder()
    {
        while (_ready.Remove(_nextToSend, out var frame))
        {
            _gamer?.Tell(frame, Self);
            _frameLatency.Add((DateTime.UtcNow - DateTime.UnixEpoch.AddTicks(frame.TickStartedUnixMicros * 10)).TotalMilliseconds);
            var bytes = frame.Deflate.Length + frame.Caption.Length + FrameOverheadBytes;
            _gamerBytes += bytes;
            CoordinatorMetrics.SentToGamer(bytes);
            _sent++;
            _nextToSend++;
        }
    }

    private sealed class FrameJob(long tick, DateTime started, int bands, string caption)
    {
        public long Tick { get; } = tick;

        public DateTime Started { get; } = started;

        public string Caption { get; } = caption;

        public byte[]?[] Bands { get; } = new byte[bands][];

        /// <summary>Every band is back.</summary>
        public bool Traced => Array.TrueForAll(Bands, band => band is not null);

        /// <summary>The frame at display size, when the chain upscales it in a task of its own.</summary>
        public byte[]? Upscaled { get; set; }

        /// <summary>The frame's bands as an upscale's source, when one task finishes it: the next frame's finish names them again as its previous frame.</summary>
        public UpscaleInput? Source { get; set; }

        public bool Encoding { get; set; }

        /// <summary>The frame's tasks not answered yet, by slot.</summary>
        public Dictionary<int, WorkItem> Waiting { get; } = [];

        public DateTime LastScheduled { get; set; } = started;
    }
}
