namespace CommunitySuccess.Web.Hosting;

/// <summary>The one-shot commands the web app runs instead of serving (<c>backup FILE</c>, <c>copy-to-postgres …</c>).</summary>
public static class AppCommands
{
    public static bool IsRequested(string[] args) => BackupCommand.IsRequested(args) || CopyToPostgresCommand.IsRequested(args);

    /// <summary>The arguments the web host should see: none of a command's own.</summary>
    public static string[] HostArguments(string[] args) => IsRequested(args) ? [] : args;

    public static Task<int> RunAsync(string[] args, AppMode mode, IConfiguration configuration) =>
        CopyToPostgresCommand.IsRequested(args)
            ? CopyToPostgresCommand.RunAsync(args, mode)
            : BackupCommand.RunAsync(args, mode.ConnectionString, configuration);
}
