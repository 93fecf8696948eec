namespace CommunitySuccess.Sandbox.GitHub;

// Seeds. They write history directly (past timestamps, no webhooks) under the lock.
public sealed partial class GitHubState
{
    /// <summary>
    /// Seeds <c>acme/widgets</c> (<see cref="DemoOwner"/>/<see cref="DemoRepo"/>) with two months of issues, pull
    /// requests, comments, reviews and releases relative to <paramref name="at"/> (default: the clock's now), and the demo
    /// team as organization members. Deterministic: the same moment gives the same repository. Sends no webhooks.
    /// </summary>
    public void SeedDemo(DateTimeOffset? at = null)
    {
        lock (_gate)
        {
            if (FindRepo(DemoOwner, DemoRepo) is not null)
            {
                throw new InvalidOperationException($"{DemoOwner}/{DemoRepo} is already seeded.");
            }

            Muted(() =>
            {
                var now = at ?? Now();
                var repo = CreateRepositoryCore(DemoOwner, DemoRepo, "Acme Sync: self-hosted sync server, CLI and dashboard widgets", "Go", now.AddDays(-400));
                GitHubDemoSeed.Seed(this, repo, now);
            });
        }
    }

    /// <summary>
    /// Seeds <paramref name="issues"/> plain issues into a repository (created if needed), one per minute up to now,
    /// every fourth one closed, with a few labels: for pagination and <c>since</c> tests. Sends no webhooks.
    /// </summary>
    public void SeedBulk(string owner, string repo, int issues)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(issues);
        lock (_gate)
        {
            Muted(() =>
            {
                var now = Now();
                var r = CreateRepositoryCore(owner, repo, "Bulk test repository", "C#", now.AddMinutes(-issues - 60));
                var authors = Enumerable.Range(1, 20).Select(i => EnsureUser($"bulk-user-{i}")).ToArray();
                for (var i = 0; i < issues; i++)
                {
                    var created = now.AddMinutes(i - issues);
                    string[] labels = (i % 3) switch { 0 => ["bug"], 1 => ["enhancement"], _ => [] };
                    var issue = CreateIssueCore(r, authors[i % authors.Length], $"Bulk issue {i + 1}", i % 5 == 0 ? null : $"Body of bulk issue {i + 1}.", labels, [], created, pull: null);
                    if (i % 4 == 0)
                    {
                        SetStateCore(r, issue, authors[(i + 1) % authors.Length], "closed", "completed", created.AddSeconds(30));
                    }
                }
            });
        }
    }

    private void Muted(Action action)
    {
        _muted = true;
        try
        {
            action();
        }
        finally
        {
            _muted = false;
        }
    }
}
