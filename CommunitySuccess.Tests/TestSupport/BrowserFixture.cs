using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(CommunitySuccess.Tests.TestSupport.BrowserFixture))]

namespace CommunitySuccess.Tests.TestSupport;

/// <summary>
/// One headless Debian Chromium for the whole test run, driven by Playwright (no browser download). A missing
/// Chromium fails the browser tests loudly: they never skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is started lazily by the first browser test.");

    /// <summary>Folder for screenshots a person can look at after the run.</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    /// <summary>Every browser test's expectations wait this long for their condition (Playwright's default is 5 s):
    /// a busy 2-core machine is slow, never wrong, and a condition met early costs nothing.</summary>
    public ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(30_000);
        return ValueTask.CompletedTask;
    }

    /// <summary>Starts Chromium on first use, so test runs without browser tests never need it.</summary>
    public async Task<IBrowser> GetBrowserAsync()
    {
        if (_browser is not null)
        {
            return _browser;
        }

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (the README's test command does).");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // This machine has no network beyond loopback: keep Chromium from calling home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        return _browser;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
