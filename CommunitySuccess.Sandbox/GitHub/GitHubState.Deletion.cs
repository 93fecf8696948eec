namespace CommunitySuccess.Sandbox.GitHub;

public sealed partial class GitHubState
{
    /// <summary>
    /// Deletes an issue as a repository admin can: it leaves lists, its comments go with it, and any request for it
    /// answers 410 "This issue was deleted".
    /// </summary>
    public void DeleteIssue(string owner, string repo, int number)
    {
        lock (Gate)
        {
            var r = FindRepo(owner, repo) ?? throw new ArgumentException($"No repository {owner}/{repo}.", nameof(repo));
            if (!r.IssuesByNumber.Remove(number, out var issue))
            {
                throw new ArgumentException($"No issue #{number} in {owner}/{repo}.", nameof(number));
            }

            r.Issues.Remove(issue);
            r.Comments.RemoveAll(c => ReferenceEquals(c.Issue, issue));
            Policies.MarkDeleted(r.FullName, number);
        }
    }
}
