using System.Collections.Concurrent;

namespace CommunitySuccess.Sandbox.GitHub;

/// <summary>
/// The GitHub the sandbox emulates: users, repositories with their labels, issues, pull requests, comments,
/// reviews and releases, plus the request log, the rate-limit quota and the fault switches. Thread-safe: the REST
/// endpoints (<see cref="GitHubApi.MapGitHubApi"/>) and the test/demo mutators share one lock. When
/// <see cref="WebhookTarget"/> is set, every change — through the API or a mutator — is delivered as a signed
/// webhook, like a repository webhook on GitHub.
/// </summary>
public sealed partial class GitHubState
{
    /// <summary>The demo organization.</summary>
    public const string DemoOwner = "acme";

    /// <summary>The demo repository, <c>acme/widgets</c>.</summary>
    public const string DemoRepo = "widgets";

    /// <summary>The token the emulator accepts unless another is given.</summary>
    public const string DefaultToken = "ghp_sandbox_token";

    /// <summary>The account the token belongs to (what <c>GET /user</c> answers).</summary>
    public const string BotLogin = "acme-community-bot";

    /// <summary>Primary rate limit of a token, per hour.</summary>
    public const int RateLimitPerHour = 5000;

    /// <summary>Primary rate limit of unauthenticated requests, per hour.</summary>
    public const int AnonymousRateLimitPerHour = 60;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, GhUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, GhRepository> _repos = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, GhRepository> _reposById = [];
    private readonly Dictionary<string, HashSet<string>> _members = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<GitHubRequestLogEntry> _requests = new();
    private readonly RateBucket _tokenBucket = new(RateLimitPerHour);
    private readonly RateBucket _anonymousBucket = new(AnonymousRateLimitPerHour);

    // Ids: issues cross 2^31 early so 64-bit handling is exercised; comments a little later.
    private long _nextIssueId = 2_147_483_600;
    private long _nextPullId = 1_912_456_700;
    private long _nextCommentId = 2_147_483_500;
    private long _nextReactionId = 1_300_000_000;
    private long _nextReviewId = 1_834_220_100;
    private long _nextReleaseId = 172_286_832;
    private long _nextLabelId = 4_341_276_760;
    private long _nextRepositoryId = 681_512_204;
    private long _requestCounter;
    private bool _muted;

    /// <summary>Creates an empty GitHub with the token's account (<see cref="BotLogin"/>).</summary>
    /// <param name="time">The clock for every timestamp, the rate-limit window and slow faults.</param>
    /// <param name="token">The only token the API accepts.</param>
    /// <param name="publicBaseUrl">The sandbox's own address, for <c>url</c>/<c>html_url</c> fields; github.com's URLs when null.</param>
    public GitHubState(TimeProvider time, string token = DefaultToken, Uri? publicBaseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrEmpty(token);
        Time = time;
        Token = token;
        PublicBaseUrl = publicBaseUrl;
        TokenUser = AddUserCore(BotLogin, "User", "Acme Community Bot");
    }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>The token the API accepts (<c>Authorization: token …</c> or <c>Bearer …</c>).</summary>
    public string Token { get; }

    /// <summary>The sandbox's public address for <c>url</c>/<c>html_url</c> fields (the lead sets it once the server listens).</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Fault switches for the next requests.</summary>
    public GitHubFaults Faults { get; } = new();

    /// <summary>GitHub's standing refusals: content-creation limits, fine-grained token permissions, deleted issues.</summary>
    public GitHubPolicies Policies { get; } = new();

    /// <summary>Where changes are delivered as webhooks; null sends nothing.</summary>
    public GitHubWebhookSender? WebhookTarget { get; set; }

    /// <summary>Every request answered so far, in order.</summary>
    public IReadOnlyList<GitHubRequestLogEntry> Requests => [.. _requests];

    /// <summary>What is left of the token's hourly quota.</summary>
    public int RateLimitRemaining
    {
        get
        {
            lock (_gate)
            {
                return _tokenBucket.Read(Now()).Remaining;
            }
        }
    }

    internal GhUser TokenUser { get; }

    /// <summary>The demo team's GitHub logins (the same four people as the Slack sandbox's demo team).</summary>
    public static IReadOnlyList<string> DemoTeamLogins { get; } = ["ana-lima", "bencarter", "chloe-dubois", "dweber"];

    /// <summary>Forgets the request log.</summary>
    public void ClearRequestLog() => _requests.Clear();

    /// <summary>Sets what is left of the token's quota in the current window (0 makes every request a 403 until the reset).</summary>
    public void SetRateLimitRemaining(int remaining)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(remaining);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(remaining, RateLimitPerHour);
        lock (_gate)
        {
            _tokenBucket.Read(Now());
            _tokenBucket.Used = RateLimitPerHour - remaining;
        }
    }

    /// <summary>Creates a repository (owned by an organization of that name unless the owner exists as a user) with GitHub's default labels.</summary>
    public void CreateRepository(string owner, string name, string? description = null, string? language = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_gate)
        {
            CreateRepositoryCore(owner, name, description, language, Now());
        }
    }

    /// <summary>Makes <paramref name="login"/> a member of <paramref name="organization"/>: their comments show <c>MEMBER</c>.</summary>
    public void AddOrganizationMember(string organization, string login)
    {
        lock (_gate)
        {
            AddMemberCore(organization, login);
        }
    }

    /// <summary>Creates a label in a repository (no webhook when it already exists).</summary>
    public GitHubLabelSnapshot CreateLabel(string owner, string repo, string name, string color, string? description = null)
    {
        lock (_gate)
        {
            var r = RepoOrThrow(owner, repo);
            var label = r.FindLabel(name) ?? CreateLabelCore(r, TokenUser, name, color, description);
            return new GitHubLabelSnapshot(label.Id, label.Name, label.Color, label.Description);
        }
    }

    internal static int PageSize(string? raw) =>
        int.TryParse(raw, out var n) && n > 0 ? Math.Min(n, 100) : 30;

    internal DateTimeOffset Now()
    {
        var now = Time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    internal T Locked<T>(Func<T> action)
    {
        lock (_gate)
        {
            return action();
        }
    }

    internal GitHubJson Json() => new(PublicBaseUrl, Association);

    internal GhRepository? FindRepo(string owner, string name) =>
        _repos.TryGetValue($"{owner}/{name}", out var r) ? r : null;

    internal GhRepository? FindRepo(long id) => _reposById.GetValueOrDefault(id);

    internal GhUser? FindUser(string login) => _users.GetValueOrDefault(login);

    internal GhUser? FindUserById(long id) => _users.Values.FirstOrDefault(u => u.Id == id);

    /// <summary>The one lock that guards all state; the REST pipeline holds it while a handler runs.</summary>
    internal Lock Gate => _gate;

    internal GhUser EnsureUser(string login)
    {
        ArgumentException.ThrowIfNullOrEmpty(login);
        return _users.TryGetValue(login, out var user)
            ? user
            : AddUserCore(login, login.EndsWith("[bot]", StringComparison.Ordinal) ? "Bot" : "User", null);
    }

    internal int PublicRepositoryCount(GhUser user) => _repos.Values.Count(r => r.Owner == user);

    internal string NextRequestId()
    {
        var n = Interlocked.Increment(ref _requestCounter);
        return $"C0DE:{(n * 7919) % 0xFFFF:X4}:{0x1A2B3C + n:X6}:{0x2B3C4D + (n * 3):X6}:{0x66A1B2C3 + n:X8}";
    }

    internal void Log(GitHubRequestLogEntry entry) => _requests.Enqueue(entry);

    /// <summary>The quota a request draws from: the token's, or the anonymous one.</summary>
    internal RateBucket Bucket(bool authenticated) => authenticated ? _tokenBucket : _anonymousBucket;

    internal bool IsMember(string organization, GhUser user) =>
        _members.TryGetValue(organization, out var members) && members.Contains(user.Login);

    /// <summary>GitHub's author_association of a user in a repository.</summary>
    internal string Association(GhRepository repo, GhUser user)
    {
        if (user == repo.Owner)
        {
            return "OWNER";
        }

        if (IsMember(repo.Owner.Login, user))
        {
            return "MEMBER";
        }

        return repo.Issues.Any(i => i.User == user && i.Pull?.MergedAt is not null) ? "CONTRIBUTOR" : "NONE";
    }

    private GhRepository RepoOrThrow(string owner, string name) =>
        FindRepo(owner, name) ?? throw new KeyNotFoundException($"The sandbox has no repository {owner}/{name}.");

    private static GhIssue IssueOrThrow(GhRepository repo, int number) =>
        repo.IssuesByNumber.TryGetValue(number, out var issue)
            ? issue
            : throw new KeyNotFoundException($"{repo.FullName} has no issue or pull request #{number}.");

    private GhUser AddUserCore(string login, string type, string? name)
    {
        var id = login switch
        {
            "dependabot[bot]" => 49_699_333,
            "github-actions[bot]" => 41_898_282,
            _ => StableUserId(login),
        };
        while (_users.Values.Any(u => u.Id == id))
        {
            id++;
        }

        var user = new GhUser { Login = login, Id = id, Type = type, Name = name, CreatedAt = new DateTimeOffset(2019, 3, 14, 9, 26, 53, TimeSpan.Zero).AddDays(id % 1500) };
        _users[login] = user;
        return user;
    }

    // A stable, login-derived account id in GitHub's range for accounts of a few years' age.
    private static long StableUserId(string login)
    {
        uint hash = 2_166_136_261;
        foreach (var c in login.ToLowerInvariant())
        {
            hash = (hash ^ c) * 16_777_619;
        }

        return 10_000_000 + (hash % 150_000_000);
    }

    internal void AddMemberCore(string organization, string login)
    {
        EnsureUser(login);
        if (!_members.TryGetValue(organization, out var members))
        {
            members = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            _members[organization] = members;
        }

        members.Add(login);
    }

    internal GhRepository CreateRepositoryCore(string owner, string name, string? description, string? language, DateTimeOffset createdAt)
    {
        if (FindRepo(owner, name) is { } existing)
        {
            return existing;
        }

        var ownerUser = _users.TryGetValue(owner, out var u) ? u : AddUserCore(owner, "Organization", owner);
        var repo = new GhRepository
        {
            Id = _nextRepositoryId,
            Owner = ownerUser,
            Name = name,
            Description = description,
            Language = language,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
            PushedAt = createdAt,
        };
        _nextRepositoryId += 1_337;
        foreach (var (labelName, color, text) in DefaultLabels)
        {
            repo.Labels.Add(new GhLabel { Id = _nextLabelId++, Name = labelName, Color = color, Description = text, Default = true });
        }

        _repos[repo.FullName] = repo;
        _reposById[repo.Id] = repo;
        return repo;
    }

    // The labels GitHub gives every new repository.
    private static readonly (string Name, string Color, string Description)[] DefaultLabels =
    [
        ("bug", "d73a4a", "Something isn't working"),
        ("documentation", "0075ca", "Improvements or additions to documentation"),
        ("duplicate", "cfd3d7", "This issue or pull request already exists"),
        ("enhancement", "a2eeef", "New feature or request"),
        ("good first issue", "7057ff", "Good for newcomers"),
        ("help wanted", "008672", "Extra attention is needed"),
        ("invalid", "e4e669", "This doesn't seem right"),
        ("question", "d876e3", "Further information is requested"),
        ("wontfix", "ffffff", "This will not be worked on"),
    ];

    /// <summary>One hourly quota window.</summary>
    internal sealed class RateBucket(int limit)
    {
        public int Limit { get; } = limit;

        public int Used { get; set; }

        public DateTimeOffset ResetAt { get; private set; }

        /// <summary>The quota now, opening a new window when the last one has passed.</summary>
        public (int Limit, int Remaining, int Used, DateTimeOffset Reset) Read(DateTimeOffset now)
        {
            if (now >= ResetAt)
            {
                Used = 0;
                ResetAt = now.AddHours(1);
            }

            return (Limit, Math.Max(0, Limit - Used), Used, ResetAt);
        }
    }
}
