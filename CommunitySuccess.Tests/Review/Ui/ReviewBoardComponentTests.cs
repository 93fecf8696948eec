using Bunit;
using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Review;
using CommunitySuccess.Web.Components.Pages.Backlog;
using CommunitySuccess.Web.Components.Pages.Review;

namespace CommunitySuccess.Tests.Review.Ui;

public sealed class ReviewBoardComponentTests
{
    [Fact]
    public async Task ReviewPage_AsEngineer_ShowsTheIssueReadOnlyWithoutDecideButtons()
    {
        await using var host = new ReviewUiHost(Roles.Engineer);
        await host.AddIssueAsync(7, "Support SSO", "Product review");

        var page = host.Render<ReviewPage>();

        page.WaitForAssertion(() => Assert.Contains("Support SSO", page.Find("[data-testid='column-to-decide']").TextContent, StringComparison.Ordinal));
        Assert.NotNull(page.Find("[data-testid='read-only']"));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Contains("Decide", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReviewPage_AsProduct_DecideWithTwoOutcomesRecordsBoth()
    {
        await using var host = new ReviewUiHost(Roles.Product);
        await host.AddIssueAsync(8, "Export threads as CSV", "Product review");
        var page = host.Render<ReviewPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='review-card']")));

        // The card's checkboxes: Sprint, Community, Contribution, then "post the note".
        page.FindAll("[data-testid='review-card'] input[type='checkbox']")[1].Change(true);
        page.FindAll("[data-testid='review-card'] input[type='checkbox']")[2].Change(true);
        page.FindAll("button").Single(b => b.TextContent.Contains("Decide", StringComparison.Ordinal)).Click();

        // The columns themselves (a drop container laid out in the browser) are checked by the Playwright test.
        page.WaitForAssertion(() => Assert.Contains("decided", page.Find("[data-testid='review-message']").TextContent, StringComparison.Ordinal));
        var week = Assert.Single(await host.Get<ReviewService>().GetHistoryAsync(1, CancellationToken.None));
        Assert.Equal((0, 1, 1), (week.Sprint, week.CommunityBacklog, week.OpenToContribution));
    }

    [Fact]
    public async Task BacklogPage_Groups_ShowBlockersContributionAndSmallRequestsApart()
    {
        await using var host = new ReviewUiHost(Roles.Engineer);
        await host.AddIssueAsync(1, "Crash on ARM", "Community", "Deployment blocker");
        await host.AddIssueAsync(2, "Add a Helm value", "Open to contribution");
        await host.AddIssueAsync(3, "Typo in docs", "Community");
        await host.AddIssueAsync(4, "Not in the backlog", "bug");

        var page = host.Render<BacklogPage>();

        page.WaitForAssertion(() => Assert.Contains("Crash on ARM", page.Find("[data-testid='backlog-DeploymentBlockers']").TextContent, StringComparison.Ordinal));
        Assert.Contains("Add a Helm value", page.Find("[data-testid='backlog-OpenToContribution']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Typo in docs", page.Find("[data-testid='backlog-SmallRequests']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Not in the backlog", page.Markup, StringComparison.Ordinal);
    }
}
