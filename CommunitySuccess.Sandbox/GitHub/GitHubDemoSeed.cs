using System.Globalization;
using System.Text;

namespace CommunitySuccess.Sandbox.GitHub;

/// <summary>
/// The demo repository <c>acme/widgets</c>: two months of Acme Sync's public issue tracker with issues and pull
/// requests in every state the desk knows (new in triage, answered, waiting on the team, product review, community
/// backlog, sprint, closed as completed and as not planned), outside and team pull requests with and without
/// reviews, a Dependabot PR and releases v1.0.0 to v1.4.0. Times are relative to the clock's now; nothing is random.
/// </summary>
internal static class GitHubDemoSeed
{
    // The team (the same four people as the Slack sandbox's demo team).
    private const string Ana = "ana-lima";
    private const string Ben = "bencarter";
    private const string Chen = "chloe-dubois";
    private const string Dara = "dweber";

    // The community.
    private const string Priya = "priya-raman";
    private const string Kenji = "kenji-w";
    private const string Lucas = "lucas-oliveira";
    private const string Mariana = "mariana-costa";
    private const string Jake = "jake-thompson";
    private const string Emily = "emily-chen";
    private const string Lukas = "lukas-becker";
    private const string Sofia = "sofia-rossi";
    private const string Olivia = "olivia-brown";
    private const string Liam = "liam-walsh";
    private const string Aisha = "aisha-bello";
    private const string Arjun = "arjun-mehta";
    private const string Yuki = "yuki-sato";
    private const string Noah = "noah-williams";
    private const string Hannah = "hannah-ng";
    private const string Mateo = "mateo-garcia";
    private const string Fatima = "fatima-zahra";
    private const string Tom = "tom-harris";
    private const string Dependabot = "dependabot[bot]";

    // Labels.
    private const string Triage = "Triage 👀";
    private const string ProductReview = "Product review";
    private const string Community = "Community";
    private const string OpenToContribution = "Open to contribution";
    private const string DeploymentBlocker = "Deployment blocker";
    private const string Sprint = "Sprint";
    private const string Bug = "bug";
    private const string Enhancement = "enhancement";
    private const string Documentation = "documentation";
    private const string Question = "question";
    private const string GoodFirstIssue = "good first issue";
    private const string Dependencies = "dependencies";

    public static void Seed(GitHubState state, GhRepository repo, DateTimeOffset now)
    {
        foreach (var login in GitHubState.DemoTeamLogins)
        {
            state.AddMemberCore(GitHubState.DemoOwner, login);
        }

        state.AddMemberCore(GitHubState.DemoOwner, GitHubState.BotLogin);
        var team = state.TokenUser;
        state.CreateLabelCore(repo, team, Triage, "fbca04", "New: the on-call engineer answers it");
        state.CreateLabelCore(repo, team, ProductReview, "5319e7", "Needs product scoping on Monday");
        state.CreateLabelCore(repo, team, Community, "0e8a16", "Community backlog");
        state.CreateLabelCore(repo, team, OpenToContribution, "c2e0c6", "We would welcome a pull request");
        state.CreateLabelCore(repo, team, DeploymentBlocker, "b60205", "Stops someone from deploying Acme Sync");
        state.CreateLabelCore(repo, team, Sprint, "1d76db", "Planned for the current sprint");
        state.CreateLabelCore(repo, team, Dependencies, "0366d6", "Pull requests that update a dependency file");

        var seed = new GitHubSeedBuilder(state, repo, now);
        NewInTriage(seed);
        AnsweredByTheTeam(seed);
        WaitingOnTheTeam(seed);
        InProductReview(seed);
        CommunityBacklog(seed);
        InSprint(seed);
        OlderOpen(seed);
        Closed(seed);
        var pulls = PullRequests(seed);
        var created = seed.Build();
        var closedByPulls = LinkPullsToIssues(state, repo, created, pulls);
        Releases(state, repo, now, closedByPulls);
    }

    private static void NewInTriage(GitHubSeedBuilder seed)
    {
        seed.Issue(0.08, Liam, "Sync stalls after upgrading to 1.4.0", """
            After upgrading from 1.3.2 to 1.4.0 the sync stops after a few minutes. Nothing in the UI, but the worker log says:

            ```
            level=warn msg="lease expired" job=sync-7781 held_for=5m0s
            level=error msg="sync aborted" project=payments err="context deadline exceeded"
            ```

            **Environment**
            - Acme Sync 1.4.0 (Docker, `acme/sync:1.4.0`)
            - PostgreSQL 15.6
            - 3 workers

            Rolling back to 1.3.2 fixes it.
            """, Triage, Bug);
        seed.Issue(0.3, Fatima, "Feature request: export the audit log as CSV", """
            Our compliance team asks for a monthly export of the audit log. Today we copy it from the UI page by page.

            Would a `GET /api/audit?format=csv` (or a button) be possible?
            """, Triage);
        seed.Issue(0.6, Olivia, "Docs: broken link to the backup guide", """
            The link "backup guide" on https://docs.acme.example/sync/operations points to `/sync/backup` which returns 404.
            I think it should be `/sync/operations/backups`.
            """, Triage, Documentation);
        seed.Issue(0.9, Hannah, "Dashboard widget shows NaN for empty queues", """
            When a project has no queued items the **Queue** widget shows `NaN%` instead of `0%`.

            Steps:
            1. Create a new project
            2. Open the dashboard
            3. Look at the queue widget
            """, Triage, Bug)
            .React("eyes", 1);
        seed.Issue(1.1, Arjun, "`acme-cli login` fails behind a corporate proxy", """
            ```console
            $ HTTPS_PROXY=http://proxy.corp:3128 acme-cli login --server https://sync.corp.example
            Error: Post "https://sync.corp.example/api/token": dial tcp 10.2.0.14:443: i/o timeout
            ```

            `curl` through the same proxy works. Does the CLI honour `HTTPS_PROXY`?
            """, Triage);
        seed.Issue(1.6, Tom, "Widget crashes on Safari 17", null, Triage, Bug);
    }

    private static void AnsweredByTheTeam(GitHubSeedBuilder seed)
    {
        seed.Issue(2.5, Priya, "Import job stuck at 99%", """
            An import of ~40k rows has been at 99% for three hours. Restarting the worker does not help.

            - [x] Checked disk space
            - [x] Restarted the worker
            - [ ] Tried a smaller file
            """, Triage, Bug)
            .Comment(3, Ana, "Thanks for the report! Could you run `acme-cli diag --job <id>` and attach the output?")
            .Comment(5, Priya, "Here it is: [diag-job-8841.txt](https://gist.github.com/priya-raman/0b1c2d3e4f) — the last step is `finalize`.")
            .Comment(20, Ana, """
                Thanks, that helps. The job is waiting for a lock that a crashed worker still holds. Until the fix ships you can release it with:

                ```
                acme-cli jobs unlock 8841
                ```

                The job then finishes by itself within a minute.
                """)
            .React("+1", 2);
        seed.Issue(3.2, Kenji, "How do I rotate the S3 credentials without downtime?", """
            We rotate our IAM keys every 90 days. Is there a way to give Acme Sync the new key without restarting the server?
            """, Triage, Question)
            .Comment(4, Ben, """
                Yes: set both keys for the overlap period. Acme Sync reads `S3_ACCESS_KEY_ID_NEXT` / `S3_SECRET_ACCESS_KEY_NEXT` and switches when the first call with the old key is refused.
                See [Rotating credentials](https://docs.acme.example/sync/operations/backups#rotating-credentials).
                """);
        seed.Issue(1.8, Mariana, "SMTP TLS handshake fails with an internal CA", """
            Notification emails fail with `x509: certificate signed by unknown authority`. Our relay uses a certificate from our internal CA.
            """, Triage)
            .Comment(2.5, Ana, "Is the CA bundle mounted into the container? Set `SMTP_TRUSTED_CA_FILE=/etc/ssl/corp-ca.pem` and the server trusts it for SMTP only.");
        seed.Issue(4, Jake, "API rate limit is too low for our CI", """
            Our pipeline calls the API ~2,000 times per run and gets `429 Too Many Requests` after a few minutes. Can the limit be configured?
            """, Triage)
            .Comment(6, Dara, "It can: `API_RATE_LIMIT_PER_MINUTE` (default 600). For CI we also recommend a dedicated token so the limit is counted separately.")
            .React("heart", 1);
        seed.Issue(1.3, Emily, "Helm chart ignores `podAnnotations`", """
            ```yaml
            podAnnotations:
              prometheus.io/scrape: "true"
            ```

            The annotations never show up on the pods (chart 1.4.0).
            """, Triage, Bug)
            .Comment(7, Chen, "Confirmed: the template reads `.Values.podAnnotations` only for the worker deployment, not for the server. I'll fix it in the next chart release.");
    }

    private static void WaitingOnTheTeam(GitHubSeedBuilder seed)
    {
        seed.Issue(3.5, Lukas, "Webhook retries flood our endpoint after an outage", """
            Our receiver was down for 20 minutes. When it came back, Acme Sync sent ~15,000 deliveries within a minute and took it down again.

            Is there a way to throttle retries?
            """, Triage, Bug)
            .Comment(6, Ben, "Retries currently go out as soon as the endpoint answers again. Which version are you on?")
            .Comment(60, Lukas, "1.4.0. It happened again last night, so we've disabled the webhook for now 😕");
        seed.Issue(2.2, Aisha, "SSO login loops back to the sign-in page", """
            After signing in with Okta the browser returns to `/login` again. No error is shown.
            """, Triage)
            .Comment(3, Dara, "Could you share the OIDC settings (without the secret) and the server log at `LOG_LEVEL=debug` during a sign-in?")
            .Comment(40, Aisha, """
                Here are the settings:

                ```env
                OIDC_ISSUER=https://acme-corp.okta.com/oauth2/default
                OIDC_CLIENT_ID=0oa1b2c3d4
                OIDC_REDIRECT_URL=http://sync.corp.example/auth/callback
                ```

                The log shows `state mismatch` on every callback.
                """);
        seed.Issue(5, Noah, "Memory grows steadily on the worker (1.3.x)", """
            The worker's memory grows by ~200 MB per day until it is OOM-killed. We run 1.3.4 with 120 projects.
            """, Triage, Bug)
            .Comment(8, Chen, "Could you capture a heap profile? `curl localhost:9090/debug/pprof/heap > heap.out` on the worker, ideally twice a few hours apart.")
            .Comment(50, Noah, "Uploaded both profiles here: https://files.example.org/acme/heap-profiles.zip")
            .Comment(98, Noah, "Any news on this? We now restart the worker every night.")
            .React("+1", 3);
        seed.Issue(1.9, Yuki, "Japanese characters are garbled in the CSV export", """
            Project names like `在庫管理` come out as `åœ¨åº«ç®¡ç†` when the CSV is opened in Excel.
            """, Triage, Bug)
            .Comment(2, Ana, "Does it look right when you open the file in a text editor? Excel needs a byte-order mark to detect UTF-8.")
            .Comment(30, Yuki, "Yes, it is fine in VS Code. Could the export add the BOM? Most of our users open it in Excel.");
        seed.Issue(3, Tom, "Can't restore a backup taken on 1.2 into 1.4", """
            ```
            $ acme-cli backup restore backup-2024-03-01.tar.zst
            Error: schema version 12 is older than the minimum supported version 14
            ```
            """, Triage)
            .Comment(5, Ben, "Restore into 1.3 first (it migrates schema 12 → 14), take a new backup, then restore that into 1.4.")
            .Comment(60, Tom, "I tried that, and the 1.3 restore fails with the same message. Is 1.3.0 enough or do I need 1.3.4?");
    }

    private static void InProductReview(GitHubSeedBuilder seed)
    {
        seed.Issue(12, Olivia, "Per-project retention policies", """
            We keep 30 days of history for most projects, but two of them must keep 2 years for legal reasons.
            Today the retention is global (`HISTORY_RETENTION_DAYS`).

            **Proposal**: a retention setting per project, falling back to the global value.
            """, ProductReview, Enhancement)
            .Comment(20, Ana, "Interesting use case — I've moved this to product review; the team decides on Monday.")
            .Comment(30, Olivia, "Thanks! Happy to test a pre-release.")
            .React("+1", 14);
        seed.Issue(9, Arjun, "Support for Azure Blob Storage backups", """
            Backups support S3 and GCS. Many of our customers run on Azure; S3-compatible gateways are not an option for them.
            """, ProductReview, Enhancement)
            .Comment(10, Mateo, "+1, we'd need this too.")
            .Comment(36, Sofia, "Same here. Even a minimal version (no lifecycle rules) would help.")
            .React("+1", 9);
        seed.Issue(20, Sofia, "Read-only role for auditors", """
            Auditors need to see everything (projects, history, audit log) but change nothing. Today the closest role is *Viewer*, which cannot see the audit log.
            """, ProductReview, Enhancement)
            .Comment(26, Dara, "This overlaps with the role rework we plan for 1.5; I've tagged it for product review so we can scope it together.");
        seed.Issue(6, Mateo, "Slack notifications for failed syncs", """
            Email notifications get lost. A Slack incoming webhook per project would be great:

            > ❌ Sync of **payments** failed: `connection refused` (retrying in 5 min)
            """, ProductReview)
            .React("heart", 3);
        seed.Issue(15, Fatima, "Bulk edit of sync rules", """
            We manage ~300 sync rules. Changing a target path means editing them one by one.
            """, ProductReview, Enhancement)
            .Comment(28, Chen, "Moved to product review: a bulk edit UI and an `acme-cli rules apply -f rules.yaml` are both on the table.");
        seed.Issue(4.5, Liam, "Offline mode for the CLI", """
            On ships and remote sites we have no connection for days. Could the CLI queue changes and sync when it is back online?
            """, Triage)
            .Unlabel(20, Ana, Triage)
            .Label(20, Ana, ProductReview);
    }

    private static void CommunityBacklog(GitHubSeedBuilder seed)
    {
        seed.Issue(25, Hannah, "Deployment fails on OpenShift: container runs as root", """
            OpenShift refuses the pod: `container has runAsNonRoot and image will run as root`.
            The image should run as a non-root user by default.
            """, Community, DeploymentBlocker, Bug)
            .Comment(30, Chen, "Agreed. The image needs a fixed UID and group-writable data directory; adding it to the community backlog.")
            .Comment(50, Hannah, "As a workaround we built our own image with `USER 10001`, works fine.")
            .React("+1", 5);
        seed.Issue(18, Mariana, "Helm: support external PostgreSQL with IAM authentication", """
            On AWS we can only use IAM authentication for RDS. The chart expects a password in a secret.
            """, Community, DeploymentBlocker)
            .Comment(22, Ben, "Makes sense. The server supports `DATABASE_IAM_AUTH=true` since 1.3; the chart just doesn't expose it yet.");
        seed.Issue(3.8, Kenji, "ARM64 image missing for 1.4.0", """
            `docker pull acme/sync:1.4.0` on a Graviton host: `no matching manifest for linux/arm64/v8`. 1.3.4 had an arm64 image.
            """, Community, DeploymentBlocker, Bug)
            .Comment(5, Ben, "Confirmed, the arm64 build step was skipped in the 1.4.0 release pipeline. Use `acme/sync:1.3.4` on ARM until we publish it.")
            .React("+1", 6);
        seed.Issue(30, Priya, "Add `--dry-run` to `acme-cli import`", """
            It would be great to validate an import file without writing anything:

            ```
            acme-cli import --dry-run customers.csv
            ```
            """, Community, OpenToContribution, GoodFirstIssue, Enhancement)
            .Comment(24, Dara, "Happy to take a PR for this! The import command lives in `cmd/acme-cli/import.go`; the validation already exists in `importer.Validate`.");
        seed.Issue(22, Jake, "Expose the sync queue depth as a Prometheus metric", """
            We'd like to alert when the queue grows. Something like `acme_sync_queue_depth{project="…"}`.
            """, Community, OpenToContribution, Enhancement)
            .Comment(30, Chen, "Good idea, open to contribution. Metrics are registered in `internal/metrics/metrics.go`.");
        seed.Issue(35, Emily, "Dark mode for the status widget", """
            The embeddable status widget is always light, which looks odd on dark dashboards.
            Following `prefers-color-scheme` would be enough.
            """, Community, OpenToContribution, GoodFirstIssue)
            .React("heart", 4);
        seed.Issue(14, Aisha, "Document the Kubernetes ingress setup", """
            The docs cover Docker Compose but not an ingress (TLS, websocket timeouts for the live view).
            """, Community, OpenToContribution, Documentation);
        seed.Issue(40, Lucas, "CLI: shell completion for zsh", """
            `acme-cli completion bash` exists; a zsh variant would be nice.
            """, Community, Enhancement);
        seed.Issue(27, Noah, "Warn when the disk is almost full", """
            The server stops syncing when the data disk is full, without any warning beforehand. A banner at 90 % would help.
            """, Community, Enhancement)
            .Comment(40, Ana, "Adding to the community backlog. A metric `acme_sync_disk_free_bytes` plus a banner sounds right.");
        seed.Issue(33, Yuki, "Translate the dashboard into Japanese", """
            I can provide the translations if the dashboard supports i18n files.
            """, Community, OpenToContribution)
            .Comment(12, Chen, "It does: add `web/src/locales/ja.json` (copy `en.json`). Thank you!");
    }

    private static void InSprint(GitHubSeedBuilder seed)
    {
        seed.Issue(10, Lukas, "Digest emails use the server's time zone, not the user's", """
            Our server runs in UTC; users in Berlin get "your digest for 23:00" at midnight local time.
            """, Sprint, Bug)
            .Assign(Ben)
            .Comment(20, Ben, "Confirmed, we'll fix it this sprint. @lukas-becker you mentioned you might send a PR?");
        seed.Issue(9, Tom, "Import: CSV files over 2 GB fail", """
            ```
            Error: bufio.Scanner: token too long
            ```
            Files over ~2 GB always fail; smaller ones work.
            """, Sprint, Bug)
            .Assign(Chen)
            .Comment(6, Chen, "The importer reads the whole file into memory. I'm switching it to streaming.");
        seed.Issue(11, Fatima, "OIDC: map IdP groups to roles", """
            We'd like `groups` claims to decide the role: `sync-admins` → Admin, `sync-users` → Editor.
            """, Sprint, Enhancement)
            .Assign(Dara)
            .React("+1", 7);
        seed.Issue(5.5, Mateo, "Webhook deliveries are not retried after a 502", """
            A 502 from our proxy marks the delivery as failed immediately; a 500 is retried. Both should be retried.
            """, Sprint, Bug)
            .Assign(Ben);
        seed.Issue(13, Sofia, "Audit log misses API token deletions", """
            Creating a token is logged, deleting one is not.
            """, Sprint, Bug)
            .Assign(Ana)
            .Comment(30, Ana, "Reproduced. Fix is small; planned for this sprint.");
    }

    private static void OlderOpen(GitHubSeedBuilder seed)
    {
        seed.Issue(45, Lucas, "Status widget flickers when the tab regains focus", """
            Every time the tab regains focus the widget re-renders from scratch (blank for ~300 ms).
            """, Bug)
            .Comment(48, Emily, "Same on Firefox 125.");
        seed.Issue(50, Olivia, "`acme-cli status` exits 0 when the server is unreachable", """
            Our monitoring script relies on the exit code. It should be non-zero when the server cannot be reached.
            """, Bug);
        seed.Issue(38, Arjun, "Search ignores accents (é vs e)", null, Enhancement);
    }

    private static void Closed(GitHubSeedBuilder seed)
    {
        seed.Issue(57, Kenji, "Crash on startup when DATA_DIR contains spaces", "`DATA_DIR=\"/srv/acme sync\"` → `panic: open /srv/acme: no such file or directory`.", Bug)
            .Comment(10, Chen, "Fixed in main, will ship in 1.1.0.")
            .Close(30, Chen);
        seed.Issue(55, Hannah, "Typo in the CLI help for `sync pause`", "\"pasue\" → \"pause\".", Documentation)
            .Close(28, Ana);
        seed.Issue(52, Priya, "Add a health endpoint for load balancers", "Our load balancer needs an unauthenticated endpoint that returns 200 when the server is ready.", Enhancement)
            .Comment(20, Dara, "Added `GET /healthz` (liveness) and `GET /readyz` (readiness).")
            .Close(60, Dara);
        seed.Issue(49, Mariana, "Backups fail when the bucket name has dots", "`my.backups.bucket` → `x509: certificate is valid for *.s3.amazonaws.com`.", Bug)
            .Comment(4, Ben, "Path-style addressing fixes this; 1.1.0 switches to it automatically for dotted bucket names.")
            .Close(100, Ben);
        seed.Issue(47, Jake, "Rate limit headers missing on 429 responses", null, Bug)
            .Close(50, Dara);
        seed.Issue(43, Emily, "Widget: show the last sync time in the user's locale", "It always shows `MM/DD/YYYY`.", Enhancement)
            .Comment(30, Chen, "Now uses `Intl.DateTimeFormat` with the browser locale.")
            .Close(40, Chen);
        seed.Issue(41, Lukas, "Docker image is 1.2 GB", "Could the image use a distroless base? Pulling 1.2 GB on every node is slow.", Enhancement)
            .Comment(26, Ben, "1.2.0 ships a distroless image (~140 MB).")
            .Close(200, Ben)
            .React("hooray", 8);
        seed.Issue(39, Sofia, "Password reset link expires too quickly", "The link expires after 5 minutes; our mail gateway sometimes delays mail by 10.", Bug)
            .Close(70, Ana);
        seed.Issue(36, Olivia, "Allow SMTP on port 465 (implicit TLS)", null, Enhancement)
            .Comment(50, Ana, "`SMTP_TLS=implicit` is supported from 1.2.0.")
            .Close(52, Ana);
        seed.Issue(34, Liam, "PostgreSQL connection pool exhausted under load", """
            ```
            FATAL: sorry, too many clients already
            ```
            With 8 workers the server opens more than 100 connections.
            """, Bug)
            .Comment(8, Chen, "Each worker opened its own pool of 20. 1.2.0 shares one pool per process (`DATABASE_MAX_CONNECTIONS`).")
            .Close(120, Chen);
        seed.Issue(31, Aisha, "Document the backup encryption keys", "Where are the keys stored and how do I back them up?", Documentation)
            .Close(90, Dara);
        seed.Issue(29, Arjun, "Import preview shows the wrong row count", "The preview says 1,000 rows for a file with 1,001 (header excluded twice?).", Bug)
            .Close(30, Chen);
        seed.Issue(26, Noah, "Sync rules: support regular expressions", """
            - [x] Match on the source path
            - [x] Capture groups in the target path
            - [ ] Case-insensitive flag
            """, Enhancement)
            .Comment(48, Dara, "Shipped in 1.3.0 with `regex:` prefixed rules; case-insensitive matching via `(?i)`.")
            .Close(50, Dara)
            .React("hooray", 5);
        seed.Issue(24, Yuki, "Crash when a project name contains emoji 🎉", "Creating a project called `Launch 🎉` crashes the worker.", Bug)
            .Close(20, Chen);
        seed.Issue(21, Tom, "Dashboard loads slowly with 500+ projects", "It takes ~12 s to load the dashboard.", Bug)
            .Comment(30, Ben, "The project list now loads lazily; 1.3.0 renders in under a second for 1,000 projects.")
            .Close(96, Ben);
        seed.Issue(19, Fatima, "CLI: `--output json` for `acme-cli projects list`", null, Enhancement)
            .Close(80, Ana);
        seed.Issue(17, Mateo, "Helm: configurable liveness probe timeouts", "On slow nodes the default 1 s timeout restarts the pod during start-up.", Enhancement)
            .Close(40, Ben);
        seed.Issue(16, Lucas, "The metrics endpoint leaks project names", "`/metrics` is unauthenticated and lists every project name as a label.", Bug)
            .Comment(3, Dara, "Thanks for reporting this responsibly. Project ids replace names in 1.3.0, and `/metrics` can require a token.")
            .Close(50, Dara);
        seed.Issue(12.5, Kenji, "Retry button does nothing on failed imports", null, Bug)
            .Close(40, Chen);
        seed.Issue(10.5, Hannah, "Dates in exports are not ISO 8601", "Exports write `3/4/2024 5:06 PM`; it should be `2024-03-04T17:06:00Z`.", Bug)
            .Close(70, Ana);
        seed.Issue(8.5, Priya, "Webhook signature uses the wrong header name", "The docs say `X-Acme-Signature`, the server sends `X-Signature`.", Bug)
            .Comment(2, Ben, "The docs were wrong; the header is `X-Acme-Signature-256`. Docs fixed.")
            .Close(3, Ben);
        seed.Issue(6.5, Jake, "Clarify the upgrade steps from 1.3 to 1.4", null, Documentation)
            .Close(30, Dara);
        seed.Issue(4.2, Mariana, "Server ignores `LOG_LEVEL=debug`", "Only `info` messages show up regardless of `LOG_LEVEL`.", Triage, Bug)
            .Comment(4, Chen, "`LOG_LEVEL` is read after the logger starts; fixed for 1.4.1. Meanwhile `--log-level=debug` on the command line works.")
            .Unlabel(4, Chen, Triage)
            .Close(50, Chen);
        seed.Issue(3.1, Emily, "Question: can I run two workers on one host?", "Is it safe, or do they fight over jobs?", Triage, Question)
            .Comment(2, Ana, "Safe: jobs are leased through the database, so any number of workers can run anywhere.")
            .Comment(6, Emily, "Great, thanks!")
            .Unlabel(7, Ana, Triage)
            .Close(7, Ana);
        seed.Issue(2.1, Sofia, "Sync button is disabled for viewers", "Is that intended? Viewers in our team should be able to trigger a sync.", Triage)
            .Comment(5, Dara, "It is intended: triggering a sync is an Editor permission. The 1.5 role rework may add a custom role for this.")
            .Unlabel(26, Dara, Triage)
            .Close(26, Dara);
        seed.Issue(0.7, Noah, "How do I change the admin email?", null, Triage, Question)
            .Comment(2, Ana, "`acme-cli users update admin --email new@example.com`, or in the UI under *Settings → Users*.")
            .Unlabel(3, Ana, Triage)
            .Close(3, Ana);

        seed.Issue(54, Tom, "Support Windows Server 2012", "We still run a few 2012 hosts.", Enhancement)
            .Comment(20, Ben, "Windows Server 2012 is out of support (also from Microsoft) and Go no longer builds for it, so we won't support it. Sorry!")
            .Close(21, Ben, "not_planned");
        seed.Issue(37, Liam, "Add a dark theme to the emails", "Emails are blinding at night.", Enhancement)
            .Comment(30, Chen, "Most mail clients apply their own dark mode to our plain emails; we'd rather not maintain a second theme.")
            .Close(31, Chen, "not_planned");
        seed.Issue(23, Lucas, "Rewrite the CLI in Rust", "It would be faster and safer.", Enhancement)
            .Comment(5, Dara, "Thanks for the suggestion! The CLI shares most of its code with the server, so it stays in Go.")
            .Close(6, Dara, "not_planned");
        seed.Issue(15.5, Arjun, "Sync stopped working", "Since this morning nothing syncs.", "duplicate")
            .Comment(1, Ana, "Duplicate of the lease-expiry issue fixed in 1.3.3; please upgrade.")
            .Close(1.5, Ana, "not_planned");
        seed.Issue(9.5, Fatima, "asdf", null, "invalid")
            .Close(0.5, Dara, "not_planned");
        seed.Issue(3.6, Yuki, "Support MySQL as the storage backend", "Our DBAs only run MySQL.", Triage, Enhancement)
            .Comment(6, Ben, "We only support PostgreSQL (and SQLite for small setups); adding MySQL would double our test matrix. Closing as not planned, sorry!")
            .Unlabel(6, Ben, Triage)
            .Close(6, Ben, "not_planned")
            .React("-1", 2);
    }

    private static Dictionary<string, SeedItem> PullRequests(GitHubSeedBuilder seed)
    {
        var pulls = new Dictionary<string, SeedItem>(StringComparer.Ordinal);

        // Outside contributors.
        pulls["helm-env"] = seed.Pull(4, Mateo, "Helm: allow extra environment variables", """
            Adds `extraEnv` and `extraEnvFrom` to the chart, like most charts do.

            ```yaml
            extraEnv:
              - name: HTTPS_PROXY
                value: http://proxy.corp:3128
            ```
            """, new SeedPull("helm-extra-env", 42, 3, 3))
            .Review(20, Chen, "APPROVED", "Looks good, thanks! We'll merge it with the next chart release.");
        pulls["digest-tz"] = seed.Pull(6, Lukas, "Send digest emails in the user's time zone", """
            Fixes the time zone of digest emails (see the sprint issue).

            - Reads the user's time zone from their profile
            - Falls back to the server's time zone
            """, new SeedPull("fix/digest-timezone", 88, 21, 5))
            .RequestReview(Ben)
            .Review(30, Ben, "CHANGES_REQUESTED", "Thanks! Two things: the fallback should be UTC rather than the server zone, and please add a test for a user in `Pacific/Auckland` (DST edge).")
            .Comment(80, Lukas, "Updated: UTC fallback and a test around the Auckland DST switch.");
        pulls["ingress-docs"] = seed.Pull(9, Aisha, "docs: Kubernetes ingress example", """
            Adds `docs/kubernetes/ingress.md` with an NGINX ingress example (TLS, websocket timeouts).
            """, new SeedPull("docs/ingress", 120, 0, 2), Documentation)
            .Review(40, Dara, "COMMENTED", "Great start. Could you also mention `proxy-read-timeout` for the live view?");
        pulls["ja"] = seed.Pull(1.2, Yuki, "Add Japanese translation", """
            Adds `web/src/locales/ja.json`. All strings are translated; I checked the dashboard in the browser.
            """, new SeedPull("i18n-ja", 412, 0, 1));
        pulls["s3-multipart"] = seed.Pull(2.8, Noah, "WIP: S3 multipart upload for backups", null, new SeedPull("s3-multipart", 230, 40, 6, Draft: true));
        pulls["typo"] = seed.Pull(54, Hannah, "Fix typo in the CLI help for `sync pause`", "Fixes the typo reported in the issue.", new SeedPull("patch-1", 1, 1, 1), Documentation)
            .Review(10, Ana, "APPROVED", null)
            .Merge(12, Ana);
        pulls["mysql"] = seed.Pull(3.4, Tom, "Switch the storage backend to MySQL", "Replaces the PostgreSQL driver with MySQL.", new SeedPull("mysql", 1210, 980, 48))
            .Comment(4, Ben, "Thanks for the effort, but as discussed in the issue we won't support MySQL. Closing.")
            .Close(4.5, Ben);
        pulls["dry-run"] = seed.Pull(12, Priya, "Add `--dry-run` to `acme-cli import`", """
            Closes the `--dry-run` issue.

            ```
            $ acme-cli import --dry-run customers.csv
            ✔ 1,204 rows valid, 0 errors (nothing written)
            ```
            """, new SeedPull("import-dry-run", 64, 8, 3))
            .Review(20, Dara, "APPROVED", "Nice and small, thank you!")
            .Merge(70, Dara);
        pulls["queue-metric"] = seed.Pull(5, Kenji, "Expose `acme_sync_queue_depth`", "Adds the gauge, updated on every enqueue and dequeue.", new SeedPull("queue-depth-metric", 37, 2, 2))
            .Review(26, Chen, "CHANGES_REQUESTED", "Please drop the `project_name` label (cardinality and privacy); `project_id` is enough.")
            .Review(70, Chen, "APPROVED", "Thanks!");
        pulls["dark-widget"] = seed.Pull(2.4, Jake, "Status widget: follow prefers-color-scheme", "Adds a dark palette and switches with `prefers-color-scheme`.", new SeedPull("widget-dark-mode", 56, 12, 2))
            .Review(12, Chen, "COMMENTED", "Looks good in Chrome; in Safari the border stays white, see `widget.css` line 40.");

        // The team.
        pulls["webhook-retry"] = seed.Pull(3, Ben, "Retry webhook deliveries with exponential backoff", """
            - Retries 5xx (including 502) with backoff: 1 min, 5 min, 30 min, 2 h, 12 h
            - Caps retries per endpoint to 10 per minute after an outage
            """, new SeedPull("webhook-backoff", 180, 45, 7), Enhancement)
            .RequestReview(Ana)
            .Review(24, Ana, "APPROVED", "LGTM 🚀");
        pulls["stream-csv"] = seed.Pull(6.5, Chen, "Import: stream large CSV files", "Streams the file instead of reading it into memory; memory stays flat for a 5 GB file.", new SeedPull("import-streaming", 140, 96, 4))
            .Review(20, Ben, "APPROVED", null)
            .Merge(40, Chen);
        pulls["oidc-groups"] = seed.Pull(2, Dara, "OIDC: map IdP groups to roles", null, new SeedPull("oidc-group-mapping", 260, 30, 9, Draft: true));
        pulls["release-1.4"] = seed.Pull(4.3, Ana, "Release v1.4.0", "Changelog and version bump.", new SeedPull("release/1.4.0", 40, 5, 3))
            .Review(3, Ben, "APPROVED", null)
            .Merge(4, Ana);

        // Dependabot.
        pulls["vite"] = seed.Pull(1.4, Dependabot, "Bump vite from 5.2.8 to 5.4.6 in /web", """
            Bumps [vite](https://github.com/vitejs/vite/tree/HEAD/packages/vite) from 5.2.8 to 5.4.6.

            <details>
            <summary>Release notes</summary>

            - fix: avoid DOM Clobbering gadget in `getRelativeUrlFromDocument`
            </details>

            Dependabot will resolve any conflicts with this PR as long as you don't alter it yourself.
            """, new SeedPull("dependabot/npm_and_yarn/web/vite-5.4.6", 12, 12, 2), Dependencies);
        pulls["x-net"] = seed.Pull(20, Dependabot, "Bump golang.org/x/net from 0.23.0 to 0.33.0", """
            Bumps [golang.org/x/net](https://github.com/golang/net) from 0.23.0 to 0.33.0.
            """, new SeedPull("dependabot/go_modules/golang.org/x/net-0.33.0", 6, 6, 2), Dependencies)
            .Review(18, Chen, "APPROVED", null)
            .Merge(19, Chen);
        return pulls;
    }

    // Pull requests that fix an issue close it when merged, as "Closes #n" does on GitHub.
    private static HashSet<GhIssue> LinkPullsToIssues(GitHubState state, GhRepository repo, IReadOnlyDictionary<SeedItem, GhIssue> created, Dictionary<string, SeedItem> pulls)
    {
        var closed = new HashSet<GhIssue>();
        void Closes(string pullKey, string issueTitle)
        {
            var pull = created[pulls[pullKey]];
            var issue = repo.Issues.First(i => !i.IsPullRequest && i.Title == issueTitle);
            pull.Body = (pull.Body is null ? "" : pull.Body + "\n\n") + $"Closes #{issue.Number.ToString(CultureInfo.InvariantCulture)}";
            if (pull.Pull!.MergedAt is { } merged && issue.State == "open")
            {
                state.SetStateCore(repo, issue, pull.Pull.MergedBy!, "closed", "completed", merged);
                closed.Add(issue);
            }
        }

        Closes("dry-run", "Add `--dry-run` to `acme-cli import`");
        Closes("stream-csv", "Import: CSV files over 2 GB fail");
        Closes("digest-tz", "Digest emails use the server's time zone, not the user's");
        Closes("queue-metric", "Expose the sync queue depth as a Prometheus metric");
        Closes("dark-widget", "Dark mode for the status widget");
        Closes("ingress-docs", "Document the Kubernetes ingress setup");
        Closes("webhook-retry", "Webhook deliveries are not retried after a 502");
        Closes("oidc-groups", "OIDC: map IdP groups to roles");
        Closes("ja", "Translate the dashboard into Japanese");
        return closed;
    }

    // Release notes list the pull requests merged and the bugs, features and docs fixed since the previous release
    // (an issue closed by a merged pull request appears once, through the pull request).
    private static void Releases(GitHubState state, GhRepository repo, DateTimeOffset now, HashSet<GhIssue> closedByPulls)
    {
        var releases = new (string Tag, double DaysAgo, string Author, string Summary)[]
        {
            ("v1.0.0", 58, Ana, "First stable release of Acme Sync 🎉"),
            ("v1.1.0", 44, Ben, "Health endpoints, dotted S3 bucket names and a faster start-up."),
            ("v1.2.0", 30, Chen, "A distroless image (~140 MB), implicit-TLS SMTP and a shared database pool."),
            ("v1.3.0", 16, Dara, "Regex sync rules, a faster dashboard and safer metrics."),
            ("v1.4.0", 4, Ana, "Streaming imports, `acme-cli import --dry-run` and many fixes."),
        };
        var previous = DateTimeOffset.MinValue;
        foreach (var (tag, daysAgo, author, summary) in releases)
        {
            var at = now.AddDays(-daysAgo);
            var notes = new StringBuilder();
            notes.Append("## What's Changed\n\n").Append(summary).Append("\n\n");
            var done = repo.Issues
                .Where(i => i.ClosedAt is { } closed && closed > previous && closed <= at
                    && (i.IsPullRequest
                        ? i.Pull!.MergedAt is not null && !i.Title.StartsWith("Release ", StringComparison.Ordinal)
                        : i.StateReason == "completed" && !closedByPulls.Contains(i) && i.Labels.Any(l => l.Name is Bug or Enhancement or Documentation)))
                .OrderBy(i => i.Number);
            foreach (var item in done)
            {
                notes.Append(CultureInfo.InvariantCulture, $"* {item.Title} by @{item.User.Login.Replace("[bot]", "", StringComparison.Ordinal)} in #{item.Number}\n");
            }

            var previousTag = Array.FindIndex(releases, r => r.Tag == tag) is > 0 and var index ? releases[index - 1].Tag : null;
            if (previousTag is not null)
            {
                notes.Append(CultureInfo.InvariantCulture, $"\n**Full Changelog**: {previousTag}...{tag}");
            }

            state.PublishReleaseCore(repo, state.EnsureUser(author), tag, tag, notes.ToString().TrimEnd(), at);
            previous = at;
        }
    }
}
