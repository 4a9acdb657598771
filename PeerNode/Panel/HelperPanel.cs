using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using P2C2R.Actors;
using P2C2R.Hosting;
using P2C2R.PeerNode.Helping;
using Spectre.Console;

namespace P2C2R.PeerNode.Panel;

/// <summary>
/// The helper's live console panel (tasks done, validated, rejected, credits, load), redrawn
/// each second from the <see cref="HelperStatus"/> snapshots the helper publishes. Only when
/// the output is a terminal: redirected output gets the plain log lines instead.
/// </summary>
public sealed class HelperPanel(ActorSystemService node) : BackgroundService
{
    /// <summary>True when the panel will draw: the output is a terminal that understands ANSI.</summary>
    public static bool Enabled => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Ansi;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        var updates = Channel.CreateBounded<HelperStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        var feed = node.System.ActorOf(Props.Create(() => new StatusFeed(updates.Writer)), "panel");
        try
        {
            var table = Render(null);
            await AnsiConsole.Live(table).StartAsync(async context =>
            {
                await foreach (var status in updates.Reader.ReadAllAsync(stoppingToken))
                {
                    context.UpdateTarget(Render(status));
                }
            });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            node.System.Stop(feed);
        }
    }

    private static Table Render(HelperStatus? status)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(status is null ? "P2C2R helper: starting" : $"P2C2R helper {status.Name}" + (status.HelperId > 0 ? $" #{status.HelperId}" : " (registering)"));
        table.AddColumns("Tasks done", "Validated", "Rejected", "Credits", "Load");
        if (status is not null)
        {
            table.AddRow(
                status.TasksDone.ToString("N0"),
                status.Validated.ToString("N0"),
                status.Rejected > 0 ? $"[red]{status.Rejected:N0}[/]" : "0",
                status.Credits.ToString("N0"),
                $"{status.Running}/{status.Capacity} running, {status.Queued} queued" + (status.Draining ? " [yellow](draining)[/]" : ""));
        }

        return table;
    }

    /// <summary>Hands the helper's status snapshots from the event stream to the panel's loop.</summary>
    private sealed class StatusFeed : ReceiveActor
    {
        public StatusFeed(ChannelWriter<HelperStatus> updates) => Receive<HelperStatus>(status => updates.TryWrite(status));

        protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(HelperStatus));

        protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
    }
}
