using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Core.Inbox;

public static class InboxWorkspaceServiceCollectionExtensions
{
    /// <summary>
    /// What the inbox page needs on top of <see cref="InboxServiceCollectionExtensions.AddInbox"/>: its queries,
    /// the extra actions, notes, saved replies, reply drafts, Slack names and links, and "me".
    /// </summary>
    public static IServiceCollection AddInboxWorkspace(this IServiceCollection services)
    {
        services.AddSingleton<InboxQueryService>();
        services.AddSingleton<ThreadNotesService>();
        services.AddSingleton<SavedReplyService>();
        services.AddSingleton<ReplyDraftStore>();
        return services;
    }
}
