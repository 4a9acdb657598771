using Microsoft.Playwright;

namespace P2C2R.Browser.Tests;

/// <summary>
/// Pictures of pages as the tests saw them: always in the test's output folder, and with
/// P2C2R_UPDATE_SCREENSHOTS=1 also in docs/images, where the README shows them (so a run on a
/// developer's machine never changes the repository unasked).
/// </summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string fileName, bool fullPage)
    {
        var path = Path.Combine(AppContext.BaseDirectory, fileName);
        await page.ScreenshotAsync(new() { Path = path, FullPage = fullPage });
        if (Environment.GetEnvironmentVariable("P2C2R_UPDATE_SCREENSHOTS") == "1")
        {
            var docs = Path.Combine(Chromium.RepositoryRoot(), "docs", "images");
            Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, fileName), overwrite: true);
        }
    }
}
