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
        var start = StartInfo(environment, workingDirectory, arguments);
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

    /// <summary>
    /// Starts the app as a process that keeps running, on the database in <paramref name="dataDirectory"/> (kept across
    /// starts, so a test can kill the app and start it again on the same file). Output is collected for failure messages.
    /// </summary>
    public static Running Start(IReadOnlyDictionary<string, string> environment, string dataDirectory)
    {
        var start = StartInfo(environment, dataDirectory, ["--urls=http://127.0.0.1:0"]);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var running = new Running(process);
        process.OutputDataReceived += (_, e) => running.Append(e.Data);
        process.ErrorDataReceived += (_, e) => running.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>The app's dll with <paramref name="arguments"/>, in Production, on the databases in <paramref name="directory"/>.</summary>
    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, string directory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
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
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(directory, "app.db")}";
        start.Environment["ConnectionStrings__Demo"] = $"Data Source={Path.Combine(directory, "demo.db")}";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>A started app process; disposing kills it if it still runs.</summary>
    public sealed class Running(Process process) : IAsyncDisposable
    {
        private readonly System.Text.StringBuilder _output = new();

        /// <summary>What the process printed so far.</summary>
        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public bool HasExited => process.HasExited;

        /// <summary>SIGKILL, as a crash or the OOM killer would: no shutdown code runs. Returns once the process is gone.</summary>
        public async Task KillAsync()
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        internal void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                await KillAsync();
            }

            process.Dispose();
        }
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
