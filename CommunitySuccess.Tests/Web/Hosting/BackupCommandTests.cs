using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.Web.Hosting;

/// <summary><c>backup FILE</c> run as a user runs it, against the database of an app that is running and writing.</summary>
public sealed class BackupCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Backup_WhileTheAppRunsAndWrites_IsAnIntactCopyWithEverythingWrittenBefore()
    {
        await using var app = new AppFactory();
        app.StartServer();
        var accounts = app.Services.GetRequiredService<AccountService>();
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await accounts.CreateUserAsync($"before{i}@example.test", $"Before {i}", "backup-password", [Roles.Engineer])).Succeeded);
        }

        var file = Path.Combine(app.DataDirectory, "backups", "copy.db");
        using var stopWriting = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            // The app keeps writing while the copy is taken.
            for (var i = 0; !stopWriting.IsCancellationRequested; i++)
            {
                await accounts.CreateUserAsync($"during{i}@example.test", $"During {i}", "backup-password", [Roles.Engineer]);
            }
        }, Ct);

        var exit = await RunBackupAsync(app, file);
        await stopWriting.CancelAsync();
        await writer;

        Assert.True(exit.ExitCode == 0, exit.StandardError);
        Assert.Contains("copy.db", exit.StandardOutput, StringComparison.Ordinal);
        await using var copy = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync(Ct);
        Assert.Equal("ok", await ScalarAsync(copy, "PRAGMA integrity_check"));
        Assert.Equal(5L, await ScalarAsync(copy, "SELECT COUNT(*) FROM AspNetUsers WHERE Email LIKE 'before%'"));
        Assert.Equal(1L, await ScalarAsync(copy, $"SELECT COUNT(*) FROM AspNetUsers WHERE Email = '{AppFactory.AdminEmail}'"));
        Assert.Equal("delete", await ScalarAsync(copy, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Backup_ToAFileThatExists_RefusesAndLeavesItAlone()
    {
        await using var app = new AppFactory();
        app.StartServer();
        var file = Path.Combine(app.DataDirectory, "precious.txt");
        await File.WriteAllTextAsync(file, "keep me", Ct);

        var exit = await RunBackupAsync(app, file);

        Assert.Equal(1, exit.ExitCode);
        Assert.Contains("already exists", exit.StandardError, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(file, Ct));
    }

    private static Task<AppProcess.Exit> RunBackupAsync(AppFactory app, string file) =>
        AppProcess.RunUntilExitAsync(
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Default"] = app.Settings["ConnectionStrings:Default"]!,
                ["Sandbox__Enabled"] = "false",
            },
            TimeSpan.FromSeconds(90),
            "backup",
            file);

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }
}
