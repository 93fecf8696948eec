using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Tests.Data;

public sealed class ProcessedDeliveryPruneJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_KeysPastTheirRedeliveryWindow_AreForgottenAndRecentOnesKept()
    {
        var now = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        await using var core = await CoreTestServices.StartAsync(now);
        var factory = core.Get<IDbContextFactory<AppDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            db.AddRange(
                new ProcessedSlackEvent { EventId = "Ev-old", ReceivedAt = (now - ProcessedDeliveryPruneJob.SlackKeep - TimeSpan.FromMinutes(1)).UtcDateTime },
                new ProcessedSlackEvent { EventId = "Ev-recent", ReceivedAt = (now - TimeSpan.FromHours(1)).UtcDateTime },
                new ProcessedGitHubDelivery { DeliveryId = "old", ReceivedAt = (now - ProcessedDeliveryPruneJob.GitHubKeep - TimeSpan.FromMinutes(1)).UtcDateTime },
                new ProcessedGitHubDelivery { DeliveryId = "within-redelivery", ReceivedAt = (now - TimeSpan.FromDays(3)).UtcDateTime });
            await db.SaveChangesAsync(Ct);
        }

        var pruned = await core.Get<ProcessedDeliveryPruneJob>().RunAsync(Ct);

        Assert.Equal(2, pruned);
        await using var check = await factory.CreateDbContextAsync(Ct);
        Assert.Equal(["Ev-recent"], await check.Set<ProcessedSlackEvent>().Select(e => e.EventId).ToListAsync(Ct));
        Assert.Equal(["within-redelivery"], await check.Set<ProcessedGitHubDelivery>().Select(d => d.DeliveryId).ToListAsync(Ct));
    }
}
