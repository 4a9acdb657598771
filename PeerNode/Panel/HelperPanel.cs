using System.Threading.Channels;
using Akka.Actor;
using Microsoft.Extensions.Hosting;
using P2C2R.PeerNode.Helping;
using Spectre.Console;

namespace P2C2R.PeerNode.Panel;

/// <summary>
/// The helper's live console panel (connection, tasks done, validated, rejected, credits, load),
/// redrawn each second from the <see cref="HelperStatus"/> snapshots the helper publishes. Only
/// when the output is a terminal: redirected output gets the plain log lines instead.
/// </summary>
public sealed class HelperPanel(ActorSystem system) : BackgroundService
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
        var feed = system.ActorOf(Props.Create(() => new StatusFeed(updates.Writer)), "panel");
        try
        {
            await AnsiConsole.Live(Render(null)).StartAsync(async context =>
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
            system.Stop(feed);
        }
    }

    private static Table Render(HelperStatus? status)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Title(status));
        table.AddColumns("Coordinator", "Tasks done", "Validated", "Rejected", "Credits", "Load");
        if (status is not null)
        {
            table.AddRow(
                status.Coordinator is null ? "[yellow]connecting[/]" : Markup.Escape(status.Coordinator) + (status.HelperId > 0 ? "" : " (registering)"),
                status.TasksDone.ToString("N0"),
                status.Validated.ToString("N0"),
                status.Rejected > 0 ? $"[red]{status.Rejected:N0}[/]" : "0",
                status.Credits.ToString("N0"),
                $"{status.Running}/{status.Capacity} running, {status.Queued} waiting" + (status.Draining ? " [yellow](draining)[/]" : ""));
        }

        return table;
    }

    private static string Title(HelperStatus? status) => status switch
    {
        null => "P2C2R helper: starting",
        { HelperId: > 0 } => Markup.Escape($"P2C2R helper {status.Name} #{status.HelperId}, account {status.Account}"),
        _ => Markup.Escape($"P2C2R helper {status.Name}"),
    };

    /// <summary>Hands the helper's status snapshots from the event stream to the panel's loop.</summary>
    private sealed class StatusFeed : ReceiveActor
    {
        public StatusFeed(ChannelWriter<HelperStatus> updates) => Receive<HelperStatus>(status => updates.TryWrite(status));

        protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(HelperStatus));

        protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
    }
}
