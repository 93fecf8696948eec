using System.Text.Json.Nodes;

namespace CommunitySuccess.Sandbox.GitHub;

// Changes to the emulated GitHub. The public methods act "now" on behalf of a login (for tests and the demo);
// the *Core methods run under the lock, are shared with the REST endpoints and the seed, and emit the webhook
// GitHub would send for the same change.
public sealed partial class GitHubState
{
    private static readonly string[] ReactionContents = ["+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"];

    /// <summary>Opens an issue as <paramref name="authorLogin"/>; sends <c>issues.opened</c> (and <c>labeled</c> per label).</summary>
    /// <returns>The issue number.</returns>
    public int OpenIssue(string owner, string repo, string authorLogin, string title, string? body = null, IEnumerable<string>? labels = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(title);
        lock (_gate)
        {
            var r = RepoOrThrow(owner, repo);
            return CreateIssueCore(r, EnsureUser(authorLogin), title, body, [.. labels ?? []], [], Now(), pull: null).Number;
        }
    }

    /// <summary>Opens a pull request as <paramref name="authorLogin"/> (from a fork unless the author is an organization member).</summary>
    /// <returns>The pull request number.</returns>
    public int OpenPullRequest(
        string owner,
        string repo,
        string authorLogin,
        string title,
        string? body = null,
        string? headRef = null,
        bool draft = false,
        IEnumerable<string>? labels = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(title);
        lock (_gate)
        {
            var r = RepoOrThrow(owner, repo);
            var author = EnsureUser(authorLogin);
            var now = Now();
            var pull = NewPull(r, author, headRef ?? $"patch-{r.NextNumber}", draft, additions: 24, deletions: 6, files: 2, now);
            return CreateIssueCore(r, author, title, body, [.. labels ?? []], [], now, pull).Number;
        }
    }

    /// <summary>Comments on an issue or pull request; sends <c>issue_comment.created</c>.</summary>
    /// <returns>The comment id.</returns>
    public long Comment(string owner, string repo, int number, string login, string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(body);
        lock (_gate)
        {
            var r = RepoOrThrow(owner, repo);
            return AddCommentCore(r, IssueOrThrow(r, number), EnsureUser(login), body, Now()).Id;
        }
    }

    /// <summary>Deletes a comment as <paramref name="login"/> would on github.com; sends <c>issue_comment.deleted</c>.</summary>
    public void DeleteComment(string owner, string repo, long commentId, string login)
    {
        lock (_gate)
        {
            var r = RepoOrThrow(owner, repo);
            var comment = r.Comments.FirstOrDefault(c => c.Id == commentId)
                ?? throw new ArgumentException($"No comment {commentId} in {r.FullName}.", nameof(commentId));
            DeleteCommentCore(r, comment, EnsureUser(login));
        }
    }

    /// <summary>Submits a pull request review; <paramref name="state"/> is APPROVED, CHANGES_REQUESTED or COMMENTED
    /// (the API's event names APPROVE, REQUEST_CHANGES and COMMENT work too). Sends <c>pull_request_review.submitted</c>.</summary>
    /// <returns>The review id.</returns>
    public long Review(string owner, string repo, int number, string login, string state, string? body = null)
    {
        var normalized = NormalizeReviewState(state)
            ?? throw new ArgumentException($"'{state}' is not a review state (APPROVED, CHANGES_REQUESTED, COMMENTED).", nameof(state));
        lock (_gate)
        {
            var r = RepoOrThrow(owner, repo);
            var issue = IssueOrThrow(r, number);
            if (!issue.IsPullRequest)
            {
                throw new InvalidOperationException($"{r.FullName}#{number} is an issue, not a pull request.");
            }

            return AddReviewCore(r, issue, EnsureUser(login), normalized, body, Now()).Id;
        }
    }

    /// <summary>Closes an issue or pull request as <paramref name="login"/>, as <c>completed</c> or <c>not_planned</c>.</summary>
    public void Close(string owner, string repo, int number, string login, string stateReason = "completed")
    {
        if (stateReason is not ("completed" or "not_planned"))
        {
            throw new ArgumentException("A close reason is 'completed' or 'not_planned'.", nameof(stateReason));
        }

        lock (_gate)
        {
            var r = RepoOrThrow(owner, repo);
            SetStateCore(r, IssueOrThrow(r, number), EnsureUser(login), "closed", stateReason, Now());
        }
    }

    /// <summary>Reopens an issue or pull request; sends <c>issues.reopened</c>.</summary>
    public void Reopen(string owner, string repo, int number, string login)
    {
        lock (_gate)
        {
            var r = RepoOrThrow(owner, repo);
            SetStateCore(r, IssueOrThrow(r, number), EnsureUser(login), "open", "reopened", Now());
        }
    }

    /// <summary>Merges a pull request; sends <c>pull_request.closed</c> with <c>merged: true</c>.</summary>
    public void MergePullRequest(string owner, string repo, int number, string login)
    {
        lock (_gate)
        {
            var r = RepoOrThrow(owner, repo);
            var issue = IssueOrThrow(r, number);
            if (!issue.IsPullRequest)
            {
                throw new InvalidOperationException($"{r.FullName}#{number} is an issue, not a pull request.");
            }

            MergeCore(r, issue, EnsureUser(login), Now());
        }
    }

    /// <summary>Edits title and/or body (null leaves a field as it is); sends <c>issues.edited</c> with <c>changes</c>.</summary>
    public void EditIssue(string owner, string repo, int number, string login, string? title = null, string? body = null)
    {
        lock (_gate)
        {
            var r = RepoOrThrow(owner, repo);
            EditCore(r, IssueOrThrow(r, number), EnsureUser(login), title, body is not null, body, Now());
        }
    }

    /// <summary>Adds a label (creating it in the repository if needed); sends <c>issues.labeled</c>.</summary>
    public void AddLabel(string owner, string repo, int number, string login, string label)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        lock (_gate)
        {
            var r = RepoOrThrow(owner, repo);
            AddLabelCore(r, IssueOrThrow(r, number), EnsureUser(login), label, Now());
        }
    }

    /// <summary>Removes a label; sends <c>issues.unlabeled</c>. Does nothing when the issue does not carry it.</summary>
    public void RemoveLabel(string owner, string repo, int number, string login, string label)
    {
        lock (_gate)
        {
            var r = RepoOrThrow(owner, repo);
            RemoveLabelCore(r, IssueOrThrow(r, number), EnsureUser(login), label, Now());
        }
    }

    /// <summary>Sets the assignees; sends <c>issues.assigned</c>/<c>unassigned</c> per change.</summary>
    public void Assign(string owner, string repo, int number, string login, IEnumerable<string> assignees)
    {
        ArgumentNullException.ThrowIfNull(assignees);
        lock (_gate)
        {
            var r = RepoOrThrow(owner, repo);
            SetAssigneesCore(r, IssueOrThrow(r, number), EnsureUser(login), [.. assignees.Select(EnsureUser)], Now());
        }
    }

    /// <summary>Adds <paramref name="count"/> reactions (+1, -1, laugh, hooray, confused, heart, rocket, eyes) to an issue.</summary>
    public void React(string owner, string repo, int number, string content, int count = 1)
    {
        if (!ReactionContents.Contains(content))
        {
            throw new ArgumentException($"'{content}' is not a GitHub reaction.", nameof(content));
        }

        lock (_gate)
        {
            var issue = IssueOrThrow(RepoOrThrow(owner, repo), number);
            issue.Reactions[content] = issue.Reactions.GetValueOrDefault(content) + count;
        }
    }

    /// <summary>A user's reaction on an issue through the API: the existing one when they already reacted so.</summary>
    internal (GhReaction Reaction, bool Created) ReactCore(GhIssue issue, GhUser user, string content, DateTimeOffset now)
    {
        if (issue.ReactedBy.FirstOrDefault(r => r.UserId == user.Id && r.Content == content) is { } existing)
        {
            return (existing, false);
        }

        var reaction = new GhReaction(_nextReactionId++, user.Id, content, now);
        issue.ReactedBy.Add(reaction);
        issue.Reactions[content] = issue.Reactions.GetValueOrDefault(content) + 1;
        return (reaction, true);
    }

    /// <summary>Publishes a release now; sends <c>release.published</c>.</summary>
    /// <returns>The release id.</returns>
    public long PublishRelease(string owner, string repo, string tag, string? name, string? body, string? authorLogin = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        lock (_gate)
        {
            var r = RepoOrThrow(owner, repo);
            if (r.Releases.Any(x => x.TagName == tag))
            {
                throw new InvalidOperationException($"{r.FullName} already has a release {tag}.");
            }

            return PublishReleaseCore(r, authorLogin is null ? TokenUser : EnsureUser(authorLogin), tag, name, body, Now()).Id;
        }
    }

    /// <summary>Sends the <c>ping</c> event GitHub sends when a webhook is created.</summary>
    public void Ping(string owner, string repo)
    {
        lock (_gate)
        {
            var r = RepoOrThrow(owner, repo);
            if (WebhookTarget is not { } target)
            {
                return;
            }

            var json = Json();
            var hookUrl = $"{json.RepoApi(r)}/hooks/{target.HookId}";
            var payload = new JsonObject
            {
                ["zen"] = "Anything added dilutes everything else.",
                ["hook_id"] = target.HookId,
                ["hook"] = new JsonObject
                {
                    ["type"] = "Repository",
                    ["id"] = target.HookId,
                    ["name"] = "web",
                    ["active"] = true,
                    ["events"] = new JsonArray("*"),
                    ["config"] = new JsonObject { ["content_type"] = "json", ["insecure_ssl"] = "0", ["url"] = target.Target.ToString() },
                    ["updated_at"] = GitHubJson.Date(Now()),
                    ["created_at"] = GitHubJson.Date(Now()),
                    ["url"] = hookUrl,
                    ["test_url"] = $"{hookUrl}/test",
                    ["ping_url"] = $"{hookUrl}/pings",
                    ["deliveries_url"] = $"{hookUrl}/deliveries",
                    ["last_response"] = new JsonObject { ["code"] = null, ["status"] = "unused", ["message"] = null },
                },
                ["repository"] = json.Repository(r, detail: false),
                ["sender"] = json.User(TokenUser),
            };
            target.Enqueue("ping", GitHubJson.Serialize(payload));
        }
    }

    /// <summary>An issue or pull request as it is now, or null when there is none.</summary>
    public GitHubIssueSnapshot? GetIssue(string owner, string repo, int number)
    {
        lock (_gate)
        {
            var r = FindRepo(owner, repo);
            return r is not null && r.IssuesByNumber.TryGetValue(number, out var issue) ? Snapshot(r, issue) : null;
        }
    }

    /// <summary>Every issue and pull request of a repository, by number.</summary>
    public IReadOnlyList<GitHubIssueSnapshot> GetIssues(string owner, string repo)
    {
        lock (_gate)
        {
            var r = RepoOrThrow(owner, repo);
            return [.. r.Issues.OrderBy(i => i.Number).Select(i => Snapshot(r, i))];
        }
    }

    /// <summary>The releases of a repository, oldest first.</summary>
    public IReadOnlyList<GitHubReleaseSnapshot> GetReleases(string owner, string repo)
    {
        lock (_gate)
        {
            return [.. RepoOrThrow(owner, repo).Releases.OrderBy(x => x.CreatedAt)
                .Select(x => new GitHubReleaseSnapshot(x.Id, x.TagName, x.Name, x.Body, x.Author.Login, x.CreatedAt, x.PublishedAt))];
        }
    }

    /// <summary>The labels of a repository.</summary>
    public IReadOnlyList<GitHubLabelSnapshot> GetLabels(string owner, string repo)
    {
        lock (_gate)
        {
            return [.. RepoOrThrow(owner, repo).Labels.Select(l => new GitHubLabelSnapshot(l.Id, l.Name, l.Color, l.Description))];
        }
    }

    internal static string? NormalizeReviewState(string state) => state.ToUpperInvariant() switch
    {
        "APPROVED" or "APPROVE" => "APPROVED",
        "CHANGES_REQUESTED" or "REQUEST_CHANGES" => "CHANGES_REQUESTED",
        "COMMENTED" or "COMMENT" => "COMMENTED",
        _ => null,
    };

    internal GhPullRequest NewPull(GhRepository r, GhUser author, string headRef, bool draft, int additions, int deletions, int files, DateTimeOffset at)
    {
        var fromFork = !IsMember(r.Owner.Login, author) && author.Type != "Bot" && author != r.Owner;
        return new GhPullRequest
        {
            Id = _nextPullId += 17,
            HeadRef = headRef,
            HeadSha = GitHubJson.Sha($"{r.FullName}:{author.Login}:{headRef}:head"),
            HeadOwner = fromFork ? author : r.Owner,
            FromFork = fromFork,
            BaseRef = r.DefaultBranch,
            BaseSha = GitHubJson.Sha($"{r.FullName}:{r.DefaultBranch}:{at.ToUnixTimeSeconds()}"),
            Draft = draft,
            Additions = additions,
            Deletions = deletions,
            ChangedFiles = files,
            Commits = Math.Max(1, files / 2),
        };
    }

    internal GhIssue CreateIssueCore(
        GhRepository r,
        GhUser author,
        string title,
        string? body,
        IReadOnlyList<string> labels,
        IReadOnlyList<GhUser> assignees,
        DateTimeOffset at,
        GhPullRequest? pull)
    {
        var issue = new GhIssue
        {
            Id = _nextIssueId++,
            Number = r.NextNumber++,
            User = author,
            Title = title,
            Body = body,
            CreatedAt = at,
            UpdatedAt = at,
            Pull = pull,
        };
        r.Issues.Add(issue);
        r.IssuesByNumber[issue.Number] = issue;
        issue.Assignees.AddRange(assignees.Distinct());
        var added = new List<GhLabel>();
        foreach (var name in labels)
        {
            var label = LabelFor(r, author, name);
            if (!issue.Labels.Contains(label))
            {
                issue.Labels.Add(label);
                added.Add(label);
            }
        }

        Emit(r, issue, author, "opened");
        foreach (var label in added)
        {
            Emit(r, issue, author, "labeled", p => p["label"] = Json().Label(r, label));
        }

        return issue;
    }

    internal GhComment AddCommentCore(GhRepository r, GhIssue issue, GhUser user, string body, DateTimeOffset at)
    {
        var comment = new GhComment
        {
            Id = _nextCommentId += 3,
            Issue = issue,
            User = user,
            Body = body,
            CreatedAt = at,
            UpdatedAt = at,
        };
        issue.Comments.Add(comment);
        r.Comments.Add(comment);
        Touch(issue, at);
        EmitComment(r, comment, "created", user, changes: null);
        return comment;
    }

    internal void EditCommentCore(GhRepository r, GhComment comment, GhUser actor, string body, DateTimeOffset at)
    {
        if (comment.Body == body)
        {
            return;
        }

        var from = comment.Body;
        comment.Body = body;
        comment.UpdatedAt = at;
        EmitComment(r, comment, "edited", actor, new JsonObject { ["body"] = new JsonObject { ["from"] = from } });
    }

    internal void DeleteCommentCore(GhRepository r, GhComment comment, GhUser actor)
    {
        comment.Issue.Comments.Remove(comment);
        r.Comments.Remove(comment);
        EmitComment(r, comment, "deleted", actor, changes: null);
    }

    internal bool SetStateCore(GhRepository r, GhIssue issue, GhUser actor, string state, string? reason, DateTimeOffset at)
    {
        if (state == "closed")
        {
            var newReason = reason ?? "completed";
            if (issue.State == "closed")
            {
                // Closing a closed issue with another reason only changes the reason.
                if (issue.StateReason != newReason && !issue.IsPullRequest)
                {
                    issue.StateReason = newReason;
                    Touch(issue, at);
                }

                return false;
            }

            issue.State = "closed";
            issue.StateReason = issue.IsPullRequest ? null : newReason;
            issue.ClosedAt = at;
            issue.ClosedBy = actor;
            Touch(issue, at);
            Emit(r, issue, actor, "closed");
            return true;
        }

        if (issue.State == "open")
        {
            return false;
        }

        issue.State = "open";
        issue.StateReason = issue.IsPullRequest ? null : "reopened";
        issue.ClosedAt = null;
        issue.ClosedBy = null;
        Touch(issue, at);
        Emit(r, issue, actor, "reopened");
        return true;
    }

    internal void MergeCore(GhRepository r, GhIssue issue, GhUser actor, DateTimeOffset at)
    {
        var pull = issue.Pull!;
        if (pull.MergedAt is not null)
        {
            return;
        }

        pull.MergedAt = at;
        pull.MergedBy = actor;
        pull.MergeCommitSha = GitHubJson.Sha($"{r.FullName}#{issue.Number}:merge");
        issue.State = "closed";
        issue.ClosedAt = at;
        issue.ClosedBy = actor;
        Touch(issue, at);
        r.PushedAt = at;
        Emit(r, issue, actor, "closed");
    }

    internal void EditCore(GhRepository r, GhIssue issue, GhUser actor, string? title, bool setBody, string? body, DateTimeOffset at)
    {
        var changes = new JsonObject();
        if (title is not null && title != issue.Title)
        {
            changes["title"] = new JsonObject { ["from"] = issue.Title };
            issue.Title = title;
        }

        if (setBody && body != issue.Body)
        {
            changes["body"] = new JsonObject { ["from"] = issue.Body };
            issue.Body = body;
        }

        if (changes.Count == 0)
        {
            return;
        }

        Touch(issue, at);
        Emit(r, issue, actor, "edited", p => p["changes"] = changes);
    }

    internal bool AddLabelCore(GhRepository r, GhIssue issue, GhUser actor, string name, DateTimeOffset at)
    {
        var label = LabelFor(r, actor, name);
        if (issue.Labels.Contains(label))
        {
            return false;
        }

        issue.Labels.Add(label);
        Touch(issue, at);
        Emit(r, issue, actor, "labeled", p => p["label"] = Json().Label(r, label));
        return true;
    }

    internal bool RemoveLabelCore(GhRepository r, GhIssue issue, GhUser actor, string name, DateTimeOffset at)
    {
        var label = issue.Labels.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
        if (label is null)
        {
            return false;
        }

        issue.Labels.Remove(label);
        Touch(issue, at);
        Emit(r, issue, actor, "unlabeled", p => p["label"] = Json().Label(r, label));
        return true;
    }

    internal void SetAssigneesCore(GhRepository r, GhIssue issue, GhUser actor, IReadOnlyList<GhUser> assignees, DateTimeOffset at)
    {
        var removed = issue.Assignees.Except(assignees).ToList();
        var added = assignees.Distinct().Except(issue.Assignees).ToList();
        if (removed.Count == 0 && added.Count == 0)
        {
            return;
        }

        foreach (var user in removed)
        {
            issue.Assignees.Remove(user);
            Emit(r, issue, actor, "unassigned", p => p["assignee"] = Json().User(user));
        }

        foreach (var user in added)
        {
            issue.Assignees.Add(user);
            Emit(r, issue, actor, "assigned", p => p["assignee"] = Json().User(user));
        }

        Touch(issue, at);
    }

    internal GhReview AddReviewCore(GhRepository r, GhIssue issue, GhUser reviewer, string state, string? body, DateTimeOffset at)
    {
        var pull = issue.Pull!;
        var review = new GhReview
        {
            Id = _nextReviewId += 11,
            User = reviewer,
            State = state,
            Body = body,
            CommitId = pull.HeadSha,
            SubmittedAt = at,
        };
        pull.Reviews.Add(review);
        pull.RequestedReviewers.Remove(reviewer);
        Touch(issue, at);
        if (ShouldEmit(out var target))
        {
            var json = Json();
            var payload = new JsonObject
            {
                ["action"] = "submitted",
                ["review"] = json.Review(r, issue, review, webhook: true),
                ["pull_request"] = json.PullRequest(r, issue, full: false),
                ["repository"] = json.Repository(r, detail: false),
                ["sender"] = json.User(reviewer),
            };
            target.Enqueue("pull_request_review", GitHubJson.Serialize(payload));
        }

        return review;
    }

    internal GhRelease PublishReleaseCore(GhRepository r, GhUser author, string tag, string? name, string? body, DateTimeOffset at)
    {
        var release = new GhRelease
        {
            Id = _nextReleaseId += 1_021_337,
            TagName = tag,
            Name = name,
            Body = body,
            TargetCommitish = r.DefaultBranch,
            Author = author,
            CreatedAt = at,
            PublishedAt = at,
        };
        r.Releases.Add(release);
        r.PushedAt = at;
        if (ShouldEmit(out var target))
        {
            var json = Json();
            var payload = new JsonObject
            {
                ["action"] = "published",
                ["release"] = json.Release(r, release),
                ["repository"] = json.Repository(r, detail: false),
                ["sender"] = json.User(author),
            };
            target.Enqueue("release", GitHubJson.Serialize(payload));
        }

        return release;
    }

    internal GhLabel CreateLabelCore(GhRepository r, GhUser actor, string name, string color, string? description)
    {
        var label = new GhLabel { Id = _nextLabelId++, Name = name, Color = color.ToLowerInvariant(), Description = description };
        r.Labels.Add(label);
        if (ShouldEmit(out var target))
        {
            var json = Json();
            var payload = new JsonObject
            {
                ["action"] = "created",
                ["label"] = json.Label(r, label),
                ["repository"] = json.Repository(r, detail: false),
                ["sender"] = json.User(actor),
            };
            target.Enqueue("label", GitHubJson.Serialize(payload));
        }

        return label;
    }

    /// <summary>The repository's label of that name, created (grey, like GitHub does) when it does not exist yet.</summary>
    internal GhLabel LabelFor(GhRepository r, GhUser actor, string name) =>
        r.FindLabel(name) ?? CreateLabelCore(r, actor, name, "ededed", null);

    private static void Touch(GhIssue issue, DateTimeOffset at)
    {
        if (at > issue.UpdatedAt)
        {
            issue.UpdatedAt = at;
        }
    }

    private bool ShouldEmit(out GitHubWebhookSender target)
    {
        target = WebhookTarget!;
        return !_muted && target is not null;
    }

    // issues.* for issues, pull_request.* for pull requests, as GitHub splits them.
    private void Emit(GhRepository r, GhIssue issue, GhUser sender, string action, Action<JsonObject>? extra = null)
    {
        if (!ShouldEmit(out var target))
        {
            return;
        }

        var json = Json();
        var payload = new JsonObject { ["action"] = action };
        string eventName;
        if (issue.IsPullRequest)
        {
            eventName = "pull_request";
            payload["number"] = issue.Number;
            payload["pull_request"] = json.PullRequest(r, issue, full: true);
        }
        else
        {
            eventName = "issues";
            payload["issue"] = json.Issue(r, issue, withClosedBy: false);
        }

        extra?.Invoke(payload);
        payload["repository"] = json.Repository(r, detail: false);
        payload["sender"] = json.User(sender);
        target.Enqueue(eventName, GitHubJson.Serialize(payload));
    }

    private void EmitComment(GhRepository r, GhComment comment, string action, GhUser sender, JsonObject? changes)
    {
        if (!ShouldEmit(out var target))
        {
            return;
        }

        var json = Json();
        var payload = new JsonObject { ["action"] = action };
        if (changes is not null)
        {
            payload["changes"] = changes;
        }

        payload["issue"] = json.Issue(r, comment.Issue, withClosedBy: false);
        payload["comment"] = json.Comment(r, comment);
        payload["repository"] = json.Repository(r, detail: false);
        payload["sender"] = json.User(sender);
        target.Enqueue("issue_comment", GitHubJson.Serialize(payload));
    }

    private static GitHubIssueSnapshot Snapshot(GhRepository r, GhIssue i) => new(
        r.Owner.Login,
        r.Name,
        i.Number,
        i.Id,
        i.IsPullRequest,
        i.Title,
        i.Body,
        i.State,
        i.StateReason,
        i.User.Login,
        [.. i.Labels.Select(l => l.Name)],
        [.. i.Assignees.Select(a => a.Login)],
        [.. i.Comments.Select(c => new GitHubCommentSnapshot(c.Id, i.Number, c.User.Login, c.Body, c.CreatedAt, c.UpdatedAt))],
        [.. i.Pull?.Reviews.Select(v => new GitHubReviewSnapshot(v.Id, v.User.Login, v.State, v.Body, v.SubmittedAt)) ?? []],
        new Dictionary<string, int>(i.Reactions, StringComparer.Ordinal),
        i.CreatedAt,
        i.UpdatedAt,
        i.ClosedAt,
        i.Pull?.Draft ?? false,
        i.Pull?.MergedAt);
}
