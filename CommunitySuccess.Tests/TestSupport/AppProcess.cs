using System.Diagnostics;

namespace CommunitySuccess.Tests.TestSupport;

/// <summary>
/// Runs the built web app as its own process, the way a user runs it, to see what start-up prints and how it
/// exits. Configuration goes in as environment variables (<c>A__B</c>), as users would set it.
/// </summary>
public static partial class AppProcess
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
        return new Running(process, ownedDirectory: null);
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

    /// <summary>
    /// Starts the app as a long-running process on a free loopback port and returns once it listens (its start-up
    /// work is done by then). Dispose stops it.
    /// </summary>
    public static async Task<Running> StartAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("cs-proc-").FullName;
        // The environment names the database (PostgreSQL for the two-instance tests); SQLite files here otherwise.
        var start = StartInfo(environment, workingDirectory, ["--urls=http://127.0.0.1:0"]);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var running = new Running(process, ownedDirectory: workingDirectory);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await running.ListeningAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await running.DisposeAsync();
            throw new TimeoutException($"The app did not listen within {timeout}. Its output:\n{running.Output}");
        }

        return running;
    }

    /// <summary>A running app process; its output is kept for failure messages. Disposing kills it if it still runs.</summary>
    public sealed partial class Running : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string? _ownedDirectory;
        private readonly System.Text.StringBuilder _output = new();
        private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <param name="ownedDirectory">A working directory of its own, deleted on dispose; null when the caller keeps it.</param>
        internal Running(Process process, string? ownedDirectory)
        {
            _process = process;
            _ownedDirectory = ownedDirectory;
            process.OutputDataReceived += (_, e) => Collect(e.Data);
            process.ErrorDataReceived += (_, e) => Collect(e.Data);
            process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"The app exited ({process.ExitCode}):\n{Output}"));
            process.EnableRaisingEvents = true;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        /// <summary>Where it listens, e.g. http://127.0.0.1:41234/.</summary>
        public Uri BaseAddress => _listening.Task.IsCompletedSuccessfully ? _listening.Task.Result : throw new InvalidOperationException("Not listening yet.");

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

        public bool HasExited => _process.HasExited;

        internal Task ListeningAsync(CancellationToken cancellationToken) => _listening.Task.WaitAsync(cancellationToken);

        /// <summary>SIGKILL, as a crash or the OOM killer would: no shutdown code runs. Returns once the process is gone.</summary>
        public async Task KillAsync()
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            if (_ownedDirectory is not null)
            {
                TryDelete(_ownedDirectory);
            }
        }

        private void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }

            if (ListeningOn().Match(line) is { Success: true } match)
            {
                _listening.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
            }
        }

        [System.Text.RegularExpressions.GeneratedRegex(@"Now listening on: (http://[0-9.:]+)")]
        private static partial System.Text.RegularExpressions.Regex ListeningOn();
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
