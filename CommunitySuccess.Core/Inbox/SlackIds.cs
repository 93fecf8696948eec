namespace CommunitySuccess.Core.Inbox;

/// <summary>Column sizes for Slack identifiers (ids like <c>C024BE91L</c>, timestamps like <c>1512085950.000216</c>).</summary>
internal static class SlackIds
{
    /// <summary>Roomy: Slack documents no maximum, today's ids and timestamps are under 20 characters.</summary>
    public const int MaxLength = 32;
}
