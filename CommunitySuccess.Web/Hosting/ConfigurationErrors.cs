using Microsoft.Extensions.Options;

namespace CommunitySuccess.Web.Hosting;

/// <summary>A bad or unknown key in our own sections: say which, plainly, and stop with exit code 1.</summary>
public static class ConfigurationErrors
{
    public static async Task ReportAsync(OptionsValidationException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        await Console.Error.WriteLineAsync("CommunitySuccess cannot start: the configuration has errors.");
        foreach (var failure in exception.Failures)
        {
            await Console.Error.WriteLineAsync($"  - {failure}");
        }

        Environment.ExitCode = 1;
    }
}
