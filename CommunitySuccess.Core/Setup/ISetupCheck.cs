namespace CommunitySuccess.Core.Setup;

/// <summary>One finding of a setup check: what was checked, whether it is right, and if not, the fix.</summary>
/// <param name="Area">"Slack", "GitHub", …</param>
/// <param name="Subject">What was checked, as people name it: "Bot token", "#support (C0123ABCD)", "Scopes".</param>
/// <param name="Detail">What was found, in words.</param>
/// <param name="Fix">What to do about it; null when nothing is wrong.</param>
public sealed record SetupFinding(string Area, string Subject, bool Ok, string Detail, string? Fix = null);

/// <summary>
/// A check the <b>Check setup</b> button on /settings runs. Each integration registers its own
/// (<c>services.AddSingleton&lt;ISetupCheck, …&gt;()</c>); a check reports problems as findings and never throws for them.
/// </summary>
public interface ISetupCheck
{
    /// <summary>Runs the check against the live service.</summary>
    Task<IReadOnlyList<SetupFinding>> RunAsync(CancellationToken cancellationToken);
}
