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
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/Account/Login");
        await signIn.GetByLabel("Email").FillAsync(BenchApp.AdminEmail);
        await signIn.GetByLabel("Password").FillAsync(BenchApp.AdminPassword);
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await signIn.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        await signIn.CloseAsync();

        var rows = new List<IReadOnlyList<string>>();
        var inboxPerCircuit = 0.0;
        foreach (var (path, what) in new[] { ("/search", "`/search`, empty (the layout and an idle circuit)"), ("/inbox", "`/inbox`, its first page of 50 rows") })
        {
            var pages = new List<IPage> { await OpenAsync(context, path) };
            var (heapOne, setOne) = Settled();
            for (var i = 1; i < tabs; i++)
            {
                pages.Add(await OpenAsync(context, path));
            }

            var (heapAll, setAll) = Settled();
            var heapPerCircuit = (heapAll - heapOne) / (tabs - 1.0) / 1024;
            var setPerCircuit = (setAll - setOne) / (tabs - 1.0) / 1024;
            inboxPerCircuit = heapPerCircuit;
            rows.Add([what + ": managed heap after full GC", Mb(heapOne), Mb(heapAll), $"{heapPerCircuit:F0} KB", BenchmarkReport.Verdict(heapPerCircuit <= 500)]);
            rows.Add([what + ": process working set", Mb(setOne), Mb(setAll), $"{setPerCircuit:F0} KB", ""]);
            foreach (var page in pages)
            {
                await page.CloseAsync();
            }
        }

        report.Section("Blazor circuit memory",
            $"The app in the benchmark's own process (so its heap can be collected and read) with the ingest's data; 1, then {tabs} headless Chromium tabs signed in on a page, each waited for until its circuit is interactive, then left idle; per circuit = the difference over {tabs - 1} circuits. " +
            "Target: ≤ 500 KB per idle circuit.");
        report.Table(["measure", "1 tab", $"{tabs} tabs", "per circuit", "target ≤ 500 KB"], rows);
        if (inboxPerCircuit > 500)
        {
            report.Note(
                "Not profiled further in this run. The likely cost is the render tree each circuit keeps: every inbox row is built of MudBlazor " +
                "components (chips, icons, tooltips, links), each an instance with its own render-tree buffers for the circuit's life; the empty " +
                "page's figure is the floor a circuit costs with the app's layout. What would reach the target: rows rendered as plain markup by " +
                "one component, fewer rows per page or virtualization, and a lighter layout.");
        }

        await context.CloseAsync();
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.Locator("#circuit-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
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
