using System.Diagnostics;
using Microsoft.Playwright;

namespace CommunitySuccess.Benchmarks.App;

/// <summary>
/// Server memory per Blazor circuit: the app's managed heap (after full collections) and the process's working set with
/// 1 and with 50 headless Chromium tabs open on the inbox, each circuit interactive and idle.
/// </summary>
public sealed class CircuitMemoryMeasure(BenchmarkReport report)
{
    private const string Chromium = "/usr/bin/chromium";

    public async Task RunAsync(BenchApp app, int tabs = 50)
    {
        if (!File.Exists(Chromium))
        {
            report.Section("Blazor circuit memory");
            report.Note($"Not measured: {Chromium} is missing (scripts/bench.sh installs Debian's chromium).");
            return;
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-dev-shm-usage"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        context.SetDefaultTimeout(120_000);
        var first = await context.NewPageAsync();
        await first.GotoAsync("/Account/Login");
        await first.GetByLabel("Email").FillAsync(BenchApp.AdminEmail);
        await first.GetByLabel("Password").FillAsync(BenchApp.AdminPassword);
        await first.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await first.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        await OpenInboxAsync(first);
        var (heapOne, setOne) = Settled();

        for (var i = 1; i < tabs; i++)
        {
            await OpenInboxAsync(await context.NewPageAsync());
        }

        var (heapAll, setAll) = Settled();
        var heapPerCircuit = (heapAll - heapOne) / (tabs - 1.0) / 1024;
        var setPerCircuit = (setAll - setOne) / (tabs - 1.0) / 1024;
        report.Section("Blazor circuit memory",
            $"The app in the benchmark's own process (so its heap can be collected and read) with the ingest's data; 1, then {tabs} headless Chromium tabs signed in on `/inbox`, each waited for until its circuit is interactive, then left idle. " +
            "Target: ≤ 500 KB per idle circuit.");
        report.Table(["measure", $"1 tab", $"{tabs} tabs", "per circuit", "target ≤ 500 KB"],
        [
            ["managed heap after full GC", Mb(heapOne), Mb(heapAll), $"{heapPerCircuit:F0} KB", BenchmarkReport.Verdict(heapPerCircuit <= 500)],
            ["process working set", Mb(setOne), Mb(setAll), $"{setPerCircuit:F0} KB", "(includes the sandbox and runtime growth)"],
        ]);
        await context.CloseAsync();
    }

    private static async Task OpenInboxAsync(IPage page)
    {
        await page.GotoAsync("/inbox");
        await page.Locator("#circuit-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    private static (long Heap, long WorkingSet) Settled()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MB";
}
