using Microsoft.Playwright;

namespace P2C2R.Browser.Tests;

/// <summary>The script errors and console errors a browser tab reports, gathered from its opening on, so a test can demand none.</summary>
internal sealed class PageErrors
{
    private readonly List<string> errors = [];

    public PageErrors(IPage page)
    {
        page.PageError += (_, error) => errors.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add("console: " + message.Text);
            }
        };
    }

    public IReadOnlyList<string> All => errors;
}
