using System.Collections.Concurrent;

namespace P2C2R.Actors;

/// <summary>
/// An actor's two queues and its scheduling state. The mailbox is itself the thread-pool work
/// item, so scheduling an actor allocates nothing. At most one thread runs it at a time: the
/// <see cref="Scheduled"/> bit is taken by compare-and-swap before queuing the work item and is
/// released only after the run, followed by a re-check of both queues. Producers enqueue and then
/// try to schedule, and both sides use full fences, so a message is never left without a run.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Scheduled = 1;
    private const int Closed = 2;

    private readonly MessageQueue _queue;
    private readonly ConcurrentQueue<SystemMessage> _system = new();
    private readonly int _throughput;
    private ActorCell _cell = null!;
    private int _status;

    public Mailbox(int capacity, OverflowPolicy overflow, int throughput)
    {
        _queue = new MessageQueue(capacity, overflow);
        _throughput = throughput;
    }

    public bool IsClosed => (Volatile.Read(ref _status) & Closed) != 0;

    public int Count => _queue.Count;

    public int Capacity => _queue.Capacity;

    /// <summary>Runs on the thread pool so far; with throughput N a backlog of M needs about M/N runs.</summary>
    public long Runs { get; private set; }

    public void Attach(ActorCell cell) => _cell = cell;

    public void Post(object message, IActorRef? sender)
    {
        if (!_queue.TryEnqueue(new Envelope(message, sender), out var dropped))
        {
            _cell.System.DeadLetterOffice.Publish(dropped.Message, dropped.Sender, _cell.SelfRef, "mailbox full");
        }

        if (IsClosed)
        {
            DrainUserMessages();
            return;
        }

        TrySchedule();
    }

    /// <summary>Posts a runtime-owed user message that bypasses the bound (see <see cref="MessageQueue.EnqueueUnbounded"/>).</summary>
    public void PostUndroppable(object message, IActorRef? sender)
    {
        _queue.EnqueueUnbounded(new Envelope(message, sender));
        if (IsClosed)
        {
            DrainUserMessages();
            return;
        }

        TrySchedule();
    }

    public void PostSystem(SystemMessage message)
    {
        _system.Enqueue(message);
        if (IsClosed)
        {
            DrainSystemMessages();
            return;
        }

        TrySchedule();
    }

    /// <summary>Stops all further runs and hands whatever is queued to dead letters.</summary>
    public void Close()
    {
        Interlocked.Or(ref _status, Closed);
        DrainUserMessages();
        DrainSystemMessages();
    }

    public bool TryDequeueSystem(out SystemMessage message) => _system.TryDequeue(out message!);

    public bool HasSystemMessages => !_system.IsEmpty;

    public void Execute()
    {
        var cell = _cell;
        Runs++;
        var previous = ActorCell.Running;
        ActorCell.Running = cell;
        try
        {
            cell.ProcessSystemMessages();
            for (var budget = _throughput; budget > 0 && !IsClosed && cell.CanProcessUserMessages; budget--)
            {
                if (!cell.TryTakeUnstashed(out var envelope) && !_queue.TryDequeue(out envelope))
                {
                    break;
                }

                cell.Invoke(envelope);
                if (!_system.IsEmpty)
                {
                    cell.ProcessSystemMessages();
                }
            }
        }
        finally
        {
            ActorCell.Running = previous;
            Interlocked.And(ref _status, ~Scheduled);
            if (HasWork(cell))
            {
                TrySchedule();
            }
        }
    }

    private bool HasWork(ActorCell cell) =>
        !IsClosed && (!_system.IsEmpty || (cell.CanProcessUserMessages && (cell.HasUnstashedMessages || _queue.HasMessages)));

    private void TrySchedule()
    {
        while (true)
        {
            var status = Volatile.Read(ref _status);
            if ((status & (Scheduled | Closed)) != 0)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _status, status | Scheduled, status) == status)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
                return;
            }
        }
    }

    private void DrainUserMessages()
    {
        while (_queue.TryDequeue(out var envelope))
        {
            _cell.System.DeadLetterOffice.Publish(envelope.Message, envelope.Sender, _cell.SelfRef, "recipient terminated");
        }
    }

    private void DrainSystemMessages()
    {
        while (_system.TryDequeue(out var message))
        {
            _cell.HandleSystemMessageAfterDeath(message);
        }
    }
}
