using Microsoft.Playwright;

namespace P2C2R.Browser.Tests;

/// <summary>
/// The operator dashboard in a browser tab at a laptop's screen size, read through the
/// <c>data-name</c>/<c>data-value</c> figures the page keeps unformatted beside what it shows.
/// </summary>
internal sealed class DashboardPage
{
    /// <summary>A common laptop screen: the page must read well on it without scrolling sideways.</summary>
    public static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };

    private readonly PageErrors errors;

    private DashboardPage(IPage page)
    {
        Page = page;
        errors = new PageErrors(page);
    }

    public IPage Page { get; }

    /// <summary>Script errors and console errors seen so far.</summary>
    public IReadOnlyList<string> Errors => errors.All;

    /// <summary>Opens <c>/?token=…</c>, which sets the operator cookie and lands on the dashboard.</summary>
    public static async Task<DashboardPage> OpenAsync(IBrowserContext context, Uri node, string token)
    {
        var dashboard = new DashboardPage(await context.NewPageAsync());
        await dashboard.Page.SetViewportSizeAsync(Laptop.Width, Laptop.Height);
        await dashboard.Page.GotoAsync(new Uri(node, "/?token=" + Uri.EscapeDataString(token)).ToString());
        return dashboard;
    }

    /// <summary>A figure of the session's row (<c>tick</c>, <c>fps</c>; NaN while the page shows no such session).</summary>
    public async Task<double> SessionFigureAsync(string sessionId, string name) =>
        await Page.EvaluateAsync<double>($"([session, name]) => {{ {Figures} return figure(session, name); }}", new[] { sessionId, name });

    /// <summary>Waits until <paramref name="condition"/>, a script over <c>figure(session, name)</c>, <c>total(id)</c> and <c>session</c>, holds.</summary>
    public async Task WaitUntilAsync(string condition, string sessionId, TimeSpan timeout)
    {
        try
        {
            await Page.WaitForFunctionAsync($"session => {{ {Figures} return {condition}; }}", sessionId,
                new PageWaitForFunctionOptions { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the dashboard did not show {condition} in {timeout.TotalSeconds} s: {await Page.Locator("body").InnerTextAsync()}; errors: {string.Join("; ", errors.All)}");
        }
    }

    /// <summary>Script that defines <c>figure(session, name)</c> (a number of a session's row) and <c>total(id)</c> (a number of the totals).</summary>
    private const string Figures = """
        const figure = (session, name) => {
          const row = [...document.querySelectorAll('#sessions tr')].find(tr => tr.querySelector('td[data-name="id"]')?.dataset.value === session);
          const cell = row?.querySelector(`td[data-name="${name}"]`);
          return cell ? Number(cell.dataset.value) : NaN;
        };
        const total = id => Number(document.getElementById(id)?.dataset.value);
        """;
}
