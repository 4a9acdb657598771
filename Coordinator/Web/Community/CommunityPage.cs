using System.Globalization;
using System.Net;
using System.Text;

namespace P2C2R.Coordinator.Web.Community;

/// <summary>
/// The community page as HTML, rendered on the node from a <see cref="CommunitySnapshot"/>: no
/// script, nothing fetched from elsewhere, every helper-chosen text HTML-encoded, and a refresh
/// every few seconds so a page left open stays current.
/// </summary>
public static class CommunityPage
{
    private const int RefreshSeconds = 10;

    public static string Render(CommunitySnapshot? snapshot)
    {
        var html = new StringBuilder(4096);
        html.Append("""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            """)
            .Append(CultureInfo.InvariantCulture, $"<meta http-equiv=\"refresh\" content=\"{RefreshSeconds}\">\n")
            .Append("""
            <link rel="icon" href="data:,">
            <title>P2C2R community</title>
            <style>
              body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 60rem; padding: 0 1rem; color: #1d2330; background: #f6f7f9; }
              h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
              p { color: #4a5260; margin: 0 0 1rem; }
              .totals { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0 1.5rem; }
              .total { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; padding: .6rem 1rem; min-width: 10rem; }
              .total b { display: block; font-size: 1.4rem; }
              .donated { background: #fff; border: 1px solid #dde1e7; border-left: 6px solid #067647; border-radius: 6px; padding: .8rem 1.2rem; margin: 1rem 0; }
              .donated h2 { font-size: 1rem; margin: 0 0 .3rem; color: #067647; }
              .donated p { font-size: 1.15rem; color: #1d2330; margin: 0; }
              .donated b { font-size: 1.8rem; }
              table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #dde1e7; }
              th, td { padding: .4rem .7rem; text-align: right; border-bottom: 1px solid #eef0f3; }
              th.text, td.text { text-align: left; }
              th { background: #eef0f3; font-weight: 600; }
              .anonymous { color: #6a7280; font-style: italic; }
              .online { color: #067647; }
            </style>
            </head>
            <body>
            <h1>P2C2R community</h1>
            <p>Volunteers' computers do the heavy work of every game played here. Helpers are named only when they chose to be.</p>

            """);
        if (snapshot is null)
        {
            return html.Append("<p id=\"gathering\">Gathering the figures; this page refreshes itself.</p>\n</body>\n</html>\n").ToString();
        }

        html.Append("<section class=\"donated\">\n<h2>Compute donated</h2>\n")
            .Append(CultureInfo.InvariantCulture, $"<p><b id=\"compute-tasks\">{snapshot.TasksComputed:N0}</b> tasks computed by helpers and validated, worth <b id=\"compute-credits\">{snapshot.ComputeCredits:N0}</b> credits of computing.</p>\n")
            .Append("</section>\n<div class=\"totals\">\n");
        Total(html, "credits-earned", "credits kept by helpers", snapshot.CreditsEarned);
        Total(html, "credits-donated", "credits donated to the fund", snapshot.CreditsDonated);
        Total(html, "helpers-connected", "helpers connected now", snapshot.HelpersConnected);
        html.Append("</div>\n<h2>Top helpers</h2>\n<table><thead><tr><th>#</th><th class=\"text\">helper</th><th>credits</th><th>tasks validated</th><th class=\"text\">now</th></tr></thead><tbody id=\"top\">\n");
        if (snapshot.Top.Length == 0)
        {
            html.Append("<tr><td class=\"text\" colspan=\"5\">no helper yet</td></tr>\n");
        }

        for (var i = 0; i < snapshot.Top.Length; i++)
        {
            var helper = snapshot.Top[i];
            var anonymous = helper.Label == CommunityFeed.Anonymous;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{i + 1}</td><td class=\"text{(anonymous ? " anonymous" : "")}\" data-helper>{WebUtility.HtmlEncode(helper.Label)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{helper.Credits:N0}</td><td>{helper.Validated:N0}</td>")
                .Append(helper.Connected ? "<td class=\"text online\">helping</td></tr>\n" : "<td class=\"text\"></td></tr>\n");
        }

        return html.Append(CultureInfo.InvariantCulture, $"</tbody></table>\n<p>As of {snapshot.At:yyyy-MM-dd HH:mm:ss} UTC.</p>\n</body>\n</html>\n").ToString();
    }

    private static void Total(StringBuilder html, string id, string label, long value) =>
        html.Append(CultureInfo.InvariantCulture, $"  <div class=\"total\">{label}<b id=\"{id}\">{value:N0}</b></div>\n");
}
