namespace CommunitySuccess.Sandbox.Slack;

internal static class SlackDemoSeed
{
    public static IReadOnlyList<DemoTeamMember> Team { get; } = [];

    public static void Seed(SlackWorkspace workspace, DateTimeOffset now)
    {
    }
}
