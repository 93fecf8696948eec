using System.Diagnostics;

namespace CommunitySuccess.Tests.TestSupport;

/// <summary>
/// Runs the built web app as its own process, the way a user runs it, to see what start-up prints and how it
/// exits. Configuration goes in as environment variables (<c>A__B</c>), as users would set it.
/// </summary>
public static class AppProcess
{
    public sealed record Exit(int ExitCode, string StandardOutput, string StandardError);

    public static Task<Exit> RunUntilExitAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout) =>
        RunUntilExitAsync(environment, timeout, "--urls=http://127.0.0.1:0");

    /// <summary>Runs the app with <paramref name="arguments"/> (a command such as <c>backup FILE</c>) until it exits.</summary>
    public static async Task<Exit> RunUntilExitAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] arguments)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("cs-proc-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CommunitySuccess.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(workingDirectory, "app.db")}";
        start.Environment["ConnectionStrings__Demo"] = $"Data Source={Path.Combine(workingDirectory, "demo.db")}";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The app did not exit within {timeout}: it started although it should not have.");
        }
        finally
        {
            TryDelete(workingDirectory);
        }

        return new Exit(process.ExitCode, await stdout, await stderr);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }
}
