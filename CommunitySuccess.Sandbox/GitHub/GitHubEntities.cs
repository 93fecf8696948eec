namespace CommunitySuccess.Sandbox.GitHub;

// The sandbox's own mutable records. Only GitHubState touches them, always under its lock; the wire format is
// produced from them by GitHubJson, and tests read them through the public snapshot records.

internal sealed class GhUser
{
    public required string Login { get; init; }

    public required long Id { get; init; }

    /// <summary>"User", "Bot" or "Organization", as GitHub writes it.</summary>
    public required string Type { get; init; }

    public string? Name { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class GhLabel
{
    public required long Id { get; init; }

    public required string Name { get; set; }

    public required string Color { get; set; }

    public string? Description { get; set; }

    public bool Default { get; init; }
}

internal sealed class GhRepository
{
    public required long Id { get; init; }

    public required GhUser Owner { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public string? Language { get; init; }

    public string DefaultBranch { get; init; } = "main";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset PushedAt { get; set; }

    public string FullName => $"{Owner.Login}/{Name}";

    /// <summary>Labels in creation order (GitHub lists them by name; the API sorts).</summary>
    public List<GhLabel> Labels { get; } = [];

    /// <summary>Issues and pull requests share one number sequence, as on GitHub.</summary>
    public List<GhIssue> Issues { get; } = [];

    public Dictionary<int, GhIssue> IssuesByNumber { get; } = [];

    /// <summary>Every issue and pull request comment of the repository, in creation order.</summary>
    public List<GhComment> Comments { get; } = [];

    public List<GhRelease> Releases { get; } = [];

    public int NextNumber { get; set; } = 1;

    public GhLabel? FindLabel(string name) =>
        Labels.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
}

internal sealed class GhIssue
{
    public required long Id { get; init; }

    public required int Number { get; init; }

    public required GhUser User { get; init; }

    public required string Title { get; set; }

    public string? Body { get; set; }

    /// <summary>"open" or "closed".</summary>
    public string State { get; set; } = "open";

    /// <summary>null, "completed", "not_planned" or "reopened".</summary>
    public string? StateReason { get; set; }

    public List<GhLabel> Labels { get; } = [];

    public List<GhUser> Assignees { get; } = [];

    public List<GhComment> Comments { get; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public GhUser? ClosedBy { get; set; }

    public bool Locked { get; set; }

    public Dictionary<string, int> Reactions { get; } = new(StringComparer.Ordinal);

    /// <summary>Reactions made through the API, one per user and content (GitHub keeps one of each).</summary>
    public List<GhReaction> ReactedBy { get; } = [];

    /// <summary>Set when this issue is a pull request.</summary>
    public GhPullRequest? Pull { get; init; }

    public bool IsPullRequest => Pull is not null;
}

internal sealed class GhPullRequest
{
    public required long Id { get; init; }

    public required string HeadRef { get; init; }

    public required string HeadSha { get; init; }

    /// <summary>The owner of the head repository: a fork's owner for outside contributors, else the base owner.</summary>
    public required GhUser HeadOwner { get; init; }

    public required bool FromFork { get; init; }

    public required string BaseRef { get; init; }

    public required string BaseSha { get; init; }

    public bool Draft { get; set; }

    public DateTimeOffset? MergedAt { get; set; }

    public GhUser? MergedBy { get; set; }

    public string? MergeCommitSha { get; set; }

    public List<GhUser> RequestedReviewers { get; } = [];

    public List<GhReview> Reviews { get; } = [];

    public int Commits { get; init; } = 1;

    public int Additions { get; init; }

    public int Deletions { get; init; }

    public int ChangedFiles { get; init; } = 1;
}

internal sealed class GhComment
{
    public required long Id { get; init; }

    public required GhIssue Issue { get; init; }

    public required GhUser User { get; init; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Dictionary<string, int> Reactions { get; } = new(StringComparer.Ordinal);
}

internal sealed class GhReview
{
    public required long Id { get; init; }

    public required GhUser User { get; init; }

    public string? Body { get; init; }

    /// <summary>APPROVED, CHANGES_REQUESTED or COMMENTED (the REST spelling; webhooks use lower case).</summary>
    public required string State { get; init; }

    public required string CommitId { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }
}

internal sealed class GhRelease
{
    public required long Id { get; init; }

    public required string TagName { get; init; }

    public string? Name { get; init; }

    public string? Body { get; init; }

    public bool Draft { get; init; }

    public bool Prerelease { get; init; }

    public required string TargetCommitish { get; init; }

    public required GhUser Author { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }
}

/// <summary>One user's reaction on an issue.</summary>
internal sealed record GhReaction(long Id, long UserId, string Content, DateTimeOffset CreatedAt);
