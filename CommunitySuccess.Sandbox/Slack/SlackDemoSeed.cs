namespace CommunitySuccess.Sandbox.Slack;

/// <summary>
/// The "Acme Community" demo workspace: the public Slack of a company shipping a self-hosted product (Acme Sync),
/// with two weeks of #support threads in every state the desk knows. Times are relative to the clock's now and
/// nothing is random, so two seeds at the same now are identical.
/// </summary>
internal static class SlackDemoSeed
{
    // The support team.
    private const string Ana = "U05ANALIMA1";
    private const string Ben = "U05BENCARTR";
    private const string Chloe = "U05CHLOEDBS";
    private const string Daniel = "U05DANWEBER";

    // The community.
    private const string Priya = "U05PRIYARAM";
    private const string Kenji = "U05KENJIWAT";
    private const string Lucas = "U05LUCASOLI";
    private const string Mariana = "U05MARIANAC";
    private const string Jake = "U05JAKETHOM";
    private const string Emily = "U05EMILYCHE";
    private const string Lukas = "U05LUKASBEC";
    private const string Sofia = "U05SOFIAROS";
    private const string Olivia = "U05OLIVIABR";
    private const string Liam = "U05LIAMWALS";
    private const string Aisha = "U05AISHABEL";
    private const string Arjun = "U05ARJUNMEH";
    private const string Yuki = "U05YUKISATO";
    private const string Noah = "U05NOAHWILL";
    private const string Hannah = "U05HANNAHNG";
    private const string Mateo = "U05MATEOGAR";
    private const string Fatima = "U05FATIMAZA";
    private const string Tom = "U05TOMHARRI";

    private const string ReleaseBotId = "B05RELEASES";

    public static IReadOnlyList<DemoTeamMember> Team { get; } =
    [
        new("Ana Lima", "ana@acme.example", Ana, "Europe/Lisbon", "ana-lima"),
        new("Ben Carter", "ben@acme.example", Ben, "America/New_York", "bencarter"),
        new("Chloé Dubois", "chloe@acme.example", Chloe, "Europe/Paris", "chloe-dubois"),
        new("Daniel Weber", "daniel@acme.example", Daniel, "Europe/Berlin", "dweber"),
    ];

    public static void Seed(SlackWorkspace ws, DateTimeOffset now)
    {
        ws.AddChannel(SlackWorkspace.DemoSupportChannelId, "support", "Ask anything about Acme Sync :wave: Please use threads.", "Community support for Acme Sync");
        ws.AddChannel(SlackWorkspace.DemoTriageChannelId, "community-success", "On call today: see /oncall", "Acme team: triage of community questions");
        ws.AddChannel(SlackWorkspace.DemoGeneralChannelId, "general", "Welcome to the Acme Community!", "Announcements and introductions", isGeneral: true);

        foreach (var member in Team)
        {
            var handle = member.Email.Split('@')[0];
            ws.AddUser(new SlackUser { Id = member.SlackUserId, Name = handle, RealName = member.Name, DisplayName = member.Name.Split(' ')[0], Email = member.Email, TimeZone = member.TimeZone, IsTeamMember = true });
        }

        AddPerson(ws, Priya, "priya.raman", "Priya Raman", "Priya", "Asia/Kolkata");
        AddPerson(ws, Kenji, "kenji.w", "Kenji Watanabe", "kenji", "Asia/Tokyo");
        AddPerson(ws, Lucas, "lucas.oliveira", "Lucas Oliveira", "", "America/Sao_Paulo");
        AddPerson(ws, Mariana, "mariana", "Mariana Costa", "Mari", "America/Sao_Paulo");
        AddPerson(ws, Jake, "jthompson", "Jake Thompson", "Jake T", "America/Los_Angeles");
        AddPerson(ws, Emily, "emily.chen", "Emily Chen", "", "America/Los_Angeles");
        AddPerson(ws, Lukas, "lukas.becker", "Lukas Becker", "lukas", "Europe/Berlin");
        AddPerson(ws, Sofia, "sofia.rossi", "Sofia Rossi", "Sofia", "Europe/Rome");
        AddPerson(ws, Olivia, "olivia.b", "Olivia Brown", "Liv", "Australia/Sydney");
        AddPerson(ws, Liam, "liam.walsh", "Liam Walsh", "", "Europe/Dublin");
        AddPerson(ws, Aisha, "aisha.bello", "Aisha Bello", "Aisha", "Africa/Lagos");
        AddPerson(ws, Arjun, "arjun.m", "Arjun Mehta", "Arjun", "Asia/Kolkata");
        AddPerson(ws, Yuki, "yuki.sato", "Yuki Sato", "", "Asia/Tokyo");
        AddPerson(ws, Noah, "noah.williams", "Noah Williams", "Noah", "America/Chicago");
        AddPerson(ws, Hannah, "hannah.nguyen", "Hannah Nguyen", "Hannah", "Australia/Melbourne");
        AddPerson(ws, Mateo, "mateo.garcia", "Mateo García", "Mateo", "America/Mexico_City");
        AddPerson(ws, Fatima, "fatima.zahra", "Fatima Zahra", "", "Africa/Casablanca");
        ws.AddUser(new SlackUser { Id = Tom, Name = "tom.harris", RealName = "Tom Harris", DisplayName = "tom", Deleted = true });

        ws.AddUserGroup(SlackWorkspace.DemoOnCallUserGroupId, "oncall", "On call", [Ana]);

        SeedGeneral(new Script(ws, now, SlackWorkspace.DemoGeneralChannelId));
        var support = new Script(ws, now, SlackWorkspace.DemoSupportChannelId);
        var threads = SeedSupport(support);
        SeedTriage(new Script(ws, now, SlackWorkspace.DemoTriageChannelId), ws, threads);
    }

    private static void AddPerson(SlackWorkspace ws, string id, string name, string realName, string displayName, string timeZone) =>
        ws.AddUser(new SlackUser { Id = id, Name = name, RealName = realName, DisplayName = displayName, Email = $"{name.Replace(".", "", StringComparison.Ordinal)}@example.com", TimeZone = timeZone });

    private static void SeedGeneral(Script general)
    {
        general.Join(14 * 24, Ana);
        general.Join(14 * 24 - 1, Ben);
        general.Post(14 * 24 - 2, Ana, "Welcome to the Acme Community :wave: Introduce yourself here; questions about Acme Sync go to <#C05SUPPORT1|support>.");
        general.Join(13 * 24, Hannah);
        general.Join(11 * 24, Mateo);
        general.Post(11 * 24 - 1, Mateo, "Hola! Mateo from Mexico City, we run Acme Sync for ~40 warehouses :wave:");
        general.Join(6 * 24, Fatima);
        general.Post(3 * 24, Chloe, "Acme Sync 3.8.1 is out :tada: Changelog: <https://github.com/acme/acme-sync/releases/tag/v3.8.1|v3.8.1>");
    }

    private static Dictionary<string, string> SeedSupport(Script s)
    {
        var threads = new Dictionary<string, string>(StringComparer.Ordinal);

        s.Join(13.5 * 24, Hannah);
        s.Join(11.2 * 24, Mateo);
        s.Join(6.1 * 24, Fatima);

        // ---- Open: nobody from the team answered yet ----
        threads["crash"] = s.Ask(1.5, Kenji, """
            After upgrading to 3.8.0 the sync worker crashes right after startup:
            ```
            Unhandled exception. System.InvalidOperationException: Sequence contains no elements
               at System.Linq.ThrowHelper.ThrowNoElementsException()
               at Acme.Sync.Worker.PartitionPlanner.Plan(IReadOnlyList`1 shards) in /src/Worker/PartitionPlanner.cs:line 88
               at Acme.Sync.Worker.SyncHost.StartAsync(CancellationToken ct) in /src/Worker/SyncHost.cs:line 41
            ```
            We have 0 shards configured on the staging cluster, if that matters.
            """).Ts;
        s.Ask(3, Olivia, "How do I enable TLS on the ingress with the Helm chart? Setting `ingress.tls: true` in values.yaml does nothing, the chart still renders plain HTTP.");
        s.Ask(5.2, Lucas, "Login with Okta loops forever: Okta → /auth/callback → back to Okta. I followed <https://docs.acme.example/auth/okta|the Okta guide> step by step. Version 3.7.4, behind nginx.")
            .Reply(4.9, Lucas, "any idea? this blocks our rollout :pray:");
        s.Ask(9, Priya, """
            Webhook signature check fails for every event. We compute it like this:
            ```
            expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
            if not hmac.compare_digest(expected, request.headers["X-Acme-Signature"]):
                abort(401)
            ```
            The header looks like `sha256=4f2a…`. What are we missing?
            """);
        s.Ask(14, Emily, "Is there a way to export audit logs to S3 automatically? We need 1 year of retention for SOC 2.");
        s.Ask(26, Hannah, "The 0042 migration fails on Postgres 16: `ERROR: relation \"sync_checkpoints\" already exists`. Full log attached.",
            new SlackFile("F05MIGRLOG1", "migrate-0042.log", "migrate-0042.log", "text/plain", 18_432));
        s.Ask(30, Mateo, "<@U05ANALIMA1> you helped us with rate limits last month, we're getting `429 Too Many Requests` again from `/v2/items/bulk` even with 2 workers. Did the limits change in 3.8?");
        s.Ask(40, Tom, "The SAML metadata URL `https://sso.example.com/acme/metadata` returns 404 since this morning. Anything changed on your side?");
        threads["edited"] = s.Ask(16, Noah, "Does the CLI suport proxies? `HTTP_PROXY` is ignored.")
            .Edit(15.8, "Does the CLI support proxies? `HTTPS_PROXY` is ignored when I run `acme-cli sync --all`.").Ts;
        s.Ask(19, Liam, "Where do I find my tenant id? The setup wizard asks for it but the dashboard doesn't show it anywhere.")
            .Reply(18, Lukas, "It's under Settings → Organization → Advanced, took me a while too :sweat_smile:")
            .React(Liam, "pray", reply: 0);
        s.Ask(8, Sofia, "Quick one: does 3.8 still support MySQL 5.7?").React(Aisha, "+1");

        // ---- In progress: a team 👀, no reply yet ----
        s.Ask(2, Jake, "Memory usage of the sync worker grows ~200 MB per hour until it gets OOM-killed. Heap dump available if useful.")
            .React(Ben, "eyes");
        s.Ask(7, Sofia, "CSV import mangles accented characters: `è` becomes `Ã¨`, `ñ` becomes `Ã±`. The file is UTF-8 with BOM.")
            .React(Chloe, "eyes");
        s.Ask(20, Arjun, "`docker compose up` fails with `Bind for 0.0.0.0:5432 failed: port is already allocated`. Can I point Acme Sync at my existing Postgres instead?")
            .React(Daniel, "eyes");

        // ---- Waiting for the user: the team spoke last, within 48 hours ----
        s.Ask(4, Lukas, "How do I rotate the API signing key without downtime?")
            .Reply(3.3, Daniel, """
                Two steps, no downtime:
                1. `acme-cli keys add --activate-at +1h` — both keys are accepted from now on
                2. after an hour: `acme-cli keys retire <old-id>`
                Docs: <https://docs.acme.example/security/keys|Key rotation>
                """);
        s.Ask(10, Aisha, "Can't connect to our SMTP relay, TLS handshake fails: `AuthenticationException: The remote certificate is invalid according to the validation procedure`.")
            .Reply(9.5, Ana, "Is the relay using a certificate from an internal CA? If so, mount the CA bundle and set `SMTP__TRUSTEDCAFILE`. Could you share the output of `openssl s_client -starttls smtp -connect relay:587`?");
        threads["bot-reply"] = s.Ask(11, Yuki, "Sync jobs run at UTC midnight but we need them at 00:00 Tokyo time. Is the schedule time zone configurable?")
            .Reply(10.98, SlackWorkspaceBot, "Thanks for reaching out! The team is offline right now (it's night in Europe); someone will get back to you in the morning.")
            .Reply(3.5, Ben, "Yes: set `schedule.timezone: Asia/Tokyo` next to the cron expression (3.6+). Example:\n```\nschedule:\n  cron: \"0 0 * * *\"\n  timezone: Asia/Tokyo\n```")
            .Ts;
        s.Ask(36, Liam, "Is there an API to list all connectors with their last sync status?")
            .Reply(35, Chloe, "Yes, `GET /v2/connectors?include=status`. See <https://docs.acme.example/api/connectors|Connectors API>.");
        s.Ask(44, Mariana, "Import job stuck at 99% for 3 hours. Restarting the worker doesn't help.")
            .Reply(43, Daniel, "Could you run `acme-cli diag --job <id>` and attach the output?")
            .Reply(42, Mariana, "Here it is", new SlackFile("F05DIAGOUT1", "diag-job-8841.txt", "diag-job-8841.txt", "text/plain", 6_210))
            .Reply(40, Daniel, "Thanks! The last batch is waiting on a lock held by a job that crashed. `acme-cli jobs unlock 8841` should release it; let me know if it finishes.")
            .React(Daniel, "eyes");

        // ---- The user spoke last after a team answer: waiting for the team again ----
        s.Ask(6, Fatima, "What's the retry policy for failed webhooks?")
            .Reply(5.5, Ana, "Exponential backoff: 1 min, 5 min, 30 min, 2 h, 12 h, then the delivery is marked failed.")
            .Reply(5, Fatima, "Thanks! And can I change the max attempts?");
        s.Ask(28, Jake, "Kubernetes liveness probe fails after 30s on big tenants.")
            .Reply(27, Ben, "Startup runs migrations first. Add a `startupProbe` with `failureThreshold: 30` so liveness only starts after it.")
            .Reply(24, Jake, """
                Added it, now it fails later:
                ```
                Warning  Unhealthy  kubelet  Startup probe failed: Get "http://10.0.3.17:8080/healthz": context deadline exceeded
                ```
                """);
        s.Ask(60, Kenji, "Dates in the Japanese locale show as MM/DD/YYYY instead of YYYY/MM/DD.")
            .Reply(58, Chloe, "Thanks for the report! It's fixed in 3.8.1, could you upgrade and check?")
            .Reply(12, Kenji, "Upgraded to 3.8.1, still happening on the export page (the dashboard is fine now).");

        // ---- Overdue: the team answered more than 48 hours ago and the user went quiet ----
        s.Ask(4 * 24, Emily, "Paginating `/v2/items` returns duplicates between pages when items are added meanwhile.")
            .Reply(3.5 * 24, Ben, "Use the `cursor` parameter instead of `page`: cursors are stable under inserts. `page` is deprecated since 3.5.")
            .React(Ben, "eyes");
        s.Ask(5 * 24, Priya, "LDAP group sync ignores nested groups. Is that expected?")
            .Reply(4.8 * 24, Daniel, "It's off by default for performance. Could you try `ldap.nested_groups: true` and let us know if it picks them up?");
        s.Ask(3 * 24, Olivia, "Any plans for a dark mode in the dashboard? :new_moon:")
            .Reply(2.9 * 24, Chloe, "It's on the roadmap! Follow <https://github.com/acme/acme-sync/issues/1234|acme-sync#1234> for updates.");
        s.Ask(6 * 24, Lukas, "The backup/restore docs mention `acme-backup`, which no longer exists in 3.x.")
            .Reply(5.9 * 24, Ana, "Good catch, it's `acme-cli backup create` / `acme-cli backup restore` now. I'll fix the docs; does that work for you?");
        s.Ask(62, Sofia, "Is there a Grafana dashboard for the Prometheus metrics?")
            .Reply(58.5, Ben, "Yes, import dashboard id `18342` from grafana.com, or the JSON in `deploy/grafana/acme-sync.json`.");

        // ---- Closed with ✅ by the team ----
        s.Ask(13 * 24, Arjun, "Fresh install on Ubuntu 22.04: `acme-sync.service` exits with status 203/EXEC.")
            .Reply(13 * 24 - 1, Daniel, "203/EXEC means systemd can't execute the binary: check `ExecStart` points to `/opt/acme-sync/acme-sync` and that it is executable (`chmod +x`).")
            .Reply(13 * 24 - 2, Arjun, "That was it, the tarball lost the exec bit. Works now, thanks! :tada:")
            .React(Daniel, "white_check_mark");
        s.Ask(12 * 24, Noah, "How do we renew the TLS certificate without restarting?")
            .Reply(12 * 24 - 0.5, Ana, "Replace the files and send `SIGHUP`: the server reloads certificates without dropping connections.")
            .React(Ana, "white_check_mark");
        s.Ask(11 * 24, Mateo, "Which scopes does an API token need to create items?")
            .Reply(11 * 24 - 2, Chloe, "`items:write` (and `items:read` if you read them back). Tokens are managed under Settings → API.")
            .Reply(11 * 24 - 3, Mateo, "Perfect, gracias!")
            .React(Chloe, "white_check_mark")
            .React(Mateo, "raised_hands", reply: 0);
        s.Ask(10 * 24, Yuki, "What's the upgrade path from 2.9 to 3.x? Can we skip versions?")
            .Reply(10 * 24 - 1, Ben, "Go 2.9 → 3.0 first (it migrates the storage format), then straight to the latest 3.x. Take a backup before each step.")
            .React(Ben, "white_check_mark");
        threads["bug"] = s.Ask(9 * 24, Hannah, "Every webhook is delivered twice since 3.7.3 (same `delivery_id`).")
            .Reply(9 * 24 - 1, Daniel, "Reproduced, thanks! Filed as <https://github.com/acme/acme-sync/issues/1302|acme-sync#1302>; we'll post here when the fix ships.")
            .React(Daniel, "white_check_mark")
            .Ts;
        s.Ask(8 * 24, Liam, "Can I run two workers against the same database?")
            .React(Ana, "eyes")
            .Reply(8 * 24 - 0.5, Ana, "Yes, workers coordinate through advisory locks, scale as you like.")
            .React(Ana, "white_check_mark");
        s.Ask(7 * 24, Aisha, "Are there rate limits on the bulk endpoint?")
            .Reply(7 * 24 - 3, Ben, "1,000 items per request and 60 requests per minute per token; the response carries `Retry-After` when you hit it.")
            .React(Ben, "white_check_mark");
        s.Ask(6.5 * 24, Mariana, "Can we self-host without Redis?")
            .Reply(6.5 * 24 - 1, Chloe, "Since 3.4 yes: set `cache.provider: memory` for a single node. With several nodes you still need Redis.")
            .Reply(6.5 * 24 - 2, Mariana, "Single node for now, works :ok_hand:")
            .React(Chloe, "white_check_mark");

        // ---- Re-opened: the user wrote again after the ✅ ----
        s.Ask(9 * 24, Lucas, "S3 backend: `AccessDenied` on `PutObject` although the IAM role has `s3:*`.")
            .Reply(9 * 24 - 1, Ana, "The bucket policy probably denies unencrypted uploads: set `storage.s3.sse: AES256`.")
            .React(Ana, "white_check_mark")
            .Reply(20, Lucas, """
                Sorry, reopening: same error with the new bucket, SSE is on:
                ```
                Amazon.S3.AmazonS3Exception: Access Denied
                   at Acme.Sync.Storage.S3BlobStore.PutAsync(String key, Stream data) in /src/Storage/S3BlobStore.cs:line 57
                ```
                """);
        s.Ask(5 * 24, Fatima, "How long are audit logs kept?")
            .Reply(5 * 24 - 1, Daniel, "90 days by default, configurable with `audit.retention_days`.")
            .React(Daniel, "white_check_mark")
            .Reply(3, Fatima, "One more question: does changing `audit.retention_days` delete older entries right away?");
        s.Ask(7 * 24, Kenji, "How do I log in with the CLI on a headless server?")
            .Reply(7 * 24 - 1, Ben, "`acme-cli login --device` prints a code you enter on another machine.")
            .React(Ben, "white_check_mark")
            .Reply(30, Kenji, "The device flow says `invalid_client` on our self-hosted instance.")
            .Reply(29, Ben, "Device flow needs `auth.device_flow.enabled: true` on the server (off by default on self-hosted). Can you check that?");

        // ---- Long threads ----
        var longThread = s.Ask(11 * 24, Jake, "Sync stalls after a network blip: the worker keeps running but no batch completes until we restart it.");
        string[] longReplies =
        [
            "Which version, and do you see anything in the logs around the blip?",
            "3.7.4. Only `Connection reset by peer` once, then silence.",
            "Could you enable debug logs (`LOG_LEVEL=debug`) and wait for the next one?",
            "Happened again tonight, debug log attached.",
            "The Postgres connection is half-open: the pool hands out a dead connection and the query waits forever. Which `statement_timeout` do you use?",
            "None set, defaults.",
            "Please set `database.statement_timeout: 30s` and `database.keepalive: 15s` as a workaround.",
            "Applied on staging, let's see.",
            "Any news from staging?",
            "Two days without a stall :crossed_fingers: Rolled out to production as well.",
            "Good news. We are adding TCP keepalive by default in 3.8.1, see <https://github.com/acme/acme-sync/pull/1310|#1310>.",
            "One stall yesterday, but it recovered after 30s as expected.",
            "That's the timeout kicking in, as designed. Anything else blocking you?",
            "Not for now. Is there a metric we can alert on for these recoveries?",
            "`acme_db_statement_timeouts_total`: alert if it grows faster than a few per hour.",
        ];
        for (var i = 0; i < longReplies.Length; i++)
        {
            var author = i % 2 == 1 ? Jake : i < 6 ? Ben : Daniel;
            longThread.Reply((11 * 24) - 2 - (i * 14), author, longReplies[i],
                i == 3 ? new SlackFile("F05DEBUGLOG", "worker-debug.log", "worker-debug.log", "text/plain", 512_004) : null);
        }

        longThread.Reply(26, Jake, "Great, we'll add that alert. Last question: is 3.8.1 safe to roll out on Friday? :sweat_smile:");
        threads["long"] = longThread.Ts;

        var perf = s.Ask(4.5 * 24, Arjun, "Dashboard takes ~20 s to load with 50k records. Screenshot of the network tab attached.",
            new SlackFile("F05NETSHOT1", "network-tab.png", "network-tab.png", "image/png", 284_113));
        string[] perfReplies =
        [
            "Thanks! Is it the `/v2/summary` call that takes the 20 s?",
            "Yes, 19.2 s for that one.",
            "Could you run `EXPLAIN ANALYZE` on the query from the debug log?",
            "```\nSeq Scan on items  (cost=0.00..48211.13 rows=50113 width=412) (actual time=0.021..18877.402 rows=50113 loops=1)\n```",
            "A missing index on `items(tenant_id, updated_at)`. Could you try `CREATE INDEX CONCURRENTLY ix_items_tenant_updated ON items(tenant_id, updated_at);`?",
            "Down to 1.4 s :tada:",
            "We'll ship the index in a migration in 3.8.1.",
            "Do we need to drop ours before upgrading?",
            "No, the migration uses `IF NOT EXISTS` with the same name.",
            "Upgraded, all good. Thanks a lot!",
            "Happy to help!",
        ];
        for (var i = 0; i < perfReplies.Length; i++)
        {
            perf.Reply((4.5 * 24) - 1 - (i * 6), i % 2 == 0 ? Chloe : Arjun, perfReplies[i], broadcast: i == 6);
        }

        perf.React(Chloe, "white_check_mark");

        // ---- Not support threads: an integration post, a team announcement ----
        s.Bot(3 * 24 - 0.2, ReleaseBotId, "Release Notes", ":rocket: *Acme Sync 3.8.1* is out — <https://github.com/acme/acme-sync/releases/tag/v3.8.1|release notes>");
        s.Post(6 * 24 - 3, Ana, "Heads-up: the docs move to <https://docs.acme.example|docs.acme.example> on Monday; old links will redirect :tada:");

        // ---- Deletions: a reply that vanished, and a parent deleted after replies (tombstone) ----
        var tombstone = s.Ask(3.2 * 24, Sofia, "Here's our config, token included: `ACME_TOKEN=ak_live_5f1c…`")
            .Reply(3.2 * 24 - 0.3, Ana, "Hi Sofia, please delete that message and revoke the token under Settings → API: it is visible to everyone here.");
        s.Delete(tombstone.Ts);
        var duplicate = s.Ask(50, Noah, "Is `acme-cli sync --dry-run` supposed to write checkpoints? It does on 3.8.0.")
            .React(Ana, "eyes")
            .Reply(49.8, Noah, "Is `acme-cli sync --dry-run` supposed to write checkpoints?")
            .Reply(49, Ana, "It shouldn't, that's a bug. Looking into it.");
        s.Delete(duplicate.ReplyTs[0]);

        return threads;
    }

    private static void SeedTriage(Script triage, SlackWorkspace ws, Dictionary<string, string> threads)
    {
        triage.Post(9 * 24 - 1.5, Daniel, $"Duplicate webhook deliveries confirmed, filed acme-sync#1302. Thread: <{ws.Permalink(SlackWorkspace.DemoSupportChannelId, threads["bug"])}|#support>");
        triage.Ask(11 * 24 - 30, Ben, $"Anyone seen half-open Postgres connections stalling the worker? <{ws.Permalink(SlackWorkspace.DemoSupportChannelId, threads["long"])}|Jake's thread>")
            .Reply(11 * 24 - 31, Daniel, "Yes, same as the Azure customer last year. Keepalive + statement_timeout fixed it.")
            .Reply(11 * 24 - 32, Ben, "Thanks, suggesting that.");
        triage.Ask(1.2, Ana, $"Kenji's crash on 3.8.0 looks like the empty shard list regression. <{ws.Permalink(SlackWorkspace.DemoSupportChannelId, threads["crash"])}|thread> — can someone confirm?")
            .React(Chloe, "eyes");
    }

    private const string SlackWorkspaceBot = "U05CSBOT001";

    /// <summary>Writes one channel's history, with times given in hours before now.</summary>
    private sealed class Script(SlackWorkspace ws, DateTimeOffset now, string channelId)
    {
        // A fixed seed: real ts carry arbitrary seconds and microseconds, and every seed must still be identical.
        private readonly Random _jitter = new(1729);

        public Thread Ask(double hoursAgo, string userId, string text, SlackFile? file = null) =>
            new(this, Add(hoursAgo, userId, text, null, file));

        public void Post(double hoursAgo, string userId, string text) => Add(hoursAgo, userId, text, null, null);

        public void Join(double hoursAgo, string userId) =>
            ws.AddMessage(new SlackMessageDraft { ChannelId = channelId, UserId = userId, Subtype = "channel_join", Text = $"<@{userId}> has joined the channel", At = At(hoursAgo) });

        public void Bot(double hoursAgo, string botId, string username, string text) =>
            ws.AddMessage(new SlackMessageDraft { ChannelId = channelId, BotId = botId, Username = username, Subtype = "bot_message", Text = text, At = At(hoursAgo) });

        public void Delete(string ts) => ws.Delete(channelId, ts);

        public string Add(double hoursAgo, string userId, string text, string? threadTs, SlackFile? file, bool broadcast = false) =>
            ws.AddMessage(new SlackMessageDraft
            {
                ChannelId = channelId,
                UserId = userId,
                Text = text,
                ThreadTs = threadTs,
                ReplyBroadcast = broadcast,
                At = At(hoursAgo),
                Files = file is null ? null : [file],
            });

        public void React(string ts, string userId, string name) => ws.React(channelId, ts, userId, name);

        public void EditAt(string ts, string text, double hoursAgo) => ws.EditAt(channelId, ts, text, At(hoursAgo));

        /// <summary>The given hours before now, moved back by up to 45 s so that times look typed, not scheduled.</summary>
        private DateTimeOffset At(double hoursAgo) =>
            now.AddHours(-hoursAgo).AddTicks(-_jitter.NextInt64(1, 45_000_000) * 10);
    }

    private sealed class Thread(Script script, string ts)
    {
        public string Ts { get; } = ts;
        public List<string> ReplyTs { get; } = [];

        public Thread Reply(double hoursAgo, string userId, string text, SlackFile? file = null, bool broadcast = false)
        {
            ReplyTs.Add(script.Add(hoursAgo, userId, text, Ts, file, broadcast));
            return this;
        }

        public Thread React(string userId, string name, int? reply = null)
        {
            script.React(reply is { } index ? ReplyTs[index] : Ts, userId, name);
            return this;
        }

        public Thread Edit(double hoursAgo, string text)
        {
            script.EditAt(Ts, text, hoursAgo);
            return this;
        }
    }
}
