using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CommunitySuccess.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    DisplayName = table.Column<string>(type: "text", nullable: false),
                    IsDisabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GitHubComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    Repository = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IssueNumber = table.Column<int>(type: "integer", nullable: false),
                    AuthorLogin = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    HtmlUrl = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GitHubComments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GitHubIssues",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    Repository = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Body = table.Column<string>(type: "text", nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StateReason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    AuthorLogin = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AuthorAssociation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IsPullRequest = table.Column<bool>(type: "boolean", nullable: false),
                    LabelsText = table.Column<string>(type: "text", nullable: false),
                    AssigneesText = table.Column<string>(type: "text", nullable: false),
                    Comments = table.Column<int>(type: "integer", nullable: false),
                    ReactionsTotal = table.Column<int>(type: "integer", nullable: false),
                    PlusOne = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HtmlUrl = table.Column<string>(type: "text", nullable: false),
                    LastCommentAuthor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LastCommentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AwaitingTeam = table.Column<bool>(type: "boolean", nullable: false),
                    HasTeamReview = table.Column<bool>(type: "boolean", nullable: false),
                    ReviewsReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GitHubIssues", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GitHubReleases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    Repository = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TagName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "text", nullable: true),
                    HtmlUrl = table.Column<string>(type: "text", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Draft = table.Column<bool>(type: "boolean", nullable: false),
                    Prerelease = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GitHubReleases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GitHubRepoSyncStates",
                columns: table => new
                {
                    Repository = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IssuesSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CommentsSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastSyncStartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastSyncCompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastSyncIssuesChanged = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LastErrorAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GitHubRepoSyncStates", x => x.Repository);
                });

            migrationBuilder.CreateTable(
                name: "GitHubReviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    Repository = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    AuthorLogin = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GitHubReviews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OnCallCalendarTokens",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    Token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnCallCalendarTokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OnCallHandoffs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ShiftDate = table.Column<DateOnly>(type: "date", nullable: false),
                    MemberId = table.Column<int>(type: "integer", nullable: true),
                    PostedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OutboxId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnCallHandoffs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OnCallNotificationCursor",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    LastMessageId = table.Column<long>(type: "bigint", nullable: false),
                    LastSentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnCallNotificationCursor", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OnCallRotationVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    MemberIds = table.Column<List<int>>(type: "integer[]", nullable: false),
                    WorkingDays = table.Column<int[]>(type: "integer[]", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnCallRotationVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OnCallSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    HandoffTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Holidays = table.Column<List<DateOnly>>(type: "date[]", nullable: false),
                    WorkingDays = table.Column<int[]>(type: "integer[]", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnCallSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OnCallSubstitutions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    SubstituteMemberId = table.Column<int>(type: "integer", nullable: false),
                    ReplacedMemberId = table.Column<int>(type: "integer", nullable: true),
                    Reason = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ProposedByMemberId = table.Column<int>(type: "integer", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnCallSubstitutions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PayloadJson = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ResultRef = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ThreadId = table.Column<long>(type: "bigint", nullable: true),
                    IssueKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProcessedGitHubDeliveries",
                columns: table => new
                {
                    DeliveryId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcessedGitHubDeliveries", x => x.DeliveryId);
                });

            migrationBuilder.CreateTable(
                name: "ProcessedSlackEvents",
                columns: table => new
                {
                    EventId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcessedSlackEvents", x => x.EventId);
                });

            migrationBuilder.CreateTable(
                name: "ReviewDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IssueId = table.Column<long>(type: "bigint", nullable: false),
                    Repository = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Sprint = table.Column<bool>(type: "boolean", nullable: false),
                    CommunityBacklog = table.Column<bool>(type: "boolean", nullable: false),
                    OpenToContribution = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    NotePostedAsComment = table.Column<bool>(type: "boolean", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WeekStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SavedReplies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    IsArchived = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedReplies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SlackChannelSyncStates",
                columns: table => new
                {
                    ChannelId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ChannelName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    BackfillCompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BackfillStartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BackfillCursorTs = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    BackfillThreadsRead = table.Column<int>(type: "integer", nullable: false),
                    BackfillEstimatedTotal = table.Column<int>(type: "integer", nullable: true),
                    LastSyncStartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastSyncCompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastSyncThreadsChanged = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LastErrorCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LastErrorScope = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LastErrorAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlackChannelSyncStates", x => x.ChannelId);
                });

            migrationBuilder.CreateTable(
                name: "SlackUsers",
                columns: table => new
                {
                    SlackUserId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RealName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AvatarUrl = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    IsBot = table.Column<bool>(type: "boolean", nullable: false),
                    IsDeleted = table.Column<bool>(type: "boolean", nullable: false),
                    RefreshedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlackUsers", x => x.SlackUserId);
                });

            migrationBuilder.CreateTable(
                name: "SupportThreads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChannelId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Ts = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StatusChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NewActivityWhileOnHold = table.Column<bool>(type: "boolean", nullable: false),
                    NeedsFollowUp = table.Column<bool>(type: "boolean", nullable: false),
                    FollowUpDueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    IsNotSupport = table.Column<bool>(type: "boolean", nullable: false),
                    ReferredToProduct = table.Column<bool>(type: "boolean", nullable: false),
                    ReferredToProductAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReferredToProductNote = table.Column<string>(type: "text", nullable: true),
                    Text = table.Column<string>(type: "text", nullable: false),
                    MessageCount = table.Column<int>(type: "integer", nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastMessageAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastMessageByTeam = table.Column<bool>(type: "boolean", nullable: false),
                    LastTeamMessageAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastUserMessageAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UnansweredSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WaitingForTeamSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UserTimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReplyCount = table.Column<int>(type: "integer", nullable: false),
                    LatestReply = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ReactionsSignature = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportThreads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TeamMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SlackUserId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    GitHubLogin = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamMembers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ThreadIssueLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ThreadId = table.Column<long>(type: "bigint", nullable: false),
                    Repository = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    CreateOutboxId = table.Column<long>(type: "bigint", nullable: true),
                    LinkedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LinkedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NotifiedReleaseId = table.Column<long>(type: "bigint", nullable: true),
                    NotifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreadIssueLinks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GitHubIssueLabels",
                columns: table => new
                {
                    IssueId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GitHubIssueLabels", x => new { x.IssueId, x.Name });
                    table.ForeignKey(
                        name: "FK_GitHubIssueLabels_GitHubIssues_IssueId",
                        column: x => x.IssueId,
                        principalTable: "GitHubIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InboxItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Source = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    SourceKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ThreadId = table.Column<long>(type: "bigint", nullable: true),
                    GitHubIssueId = table.Column<long>(type: "bigint", nullable: true),
                    Location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: true),
                    IsPullRequest = table.Column<bool>(type: "boolean", nullable: false),
                    AuthorId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AuthorTimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Preview = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Labels = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StatusChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StatusReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastActivityAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WaitingForTeamSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UnansweredSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastTeamActivityAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastByTeam = table.Column<bool>(type: "boolean", nullable: false),
                    NeedsFollowUp = table.Column<bool>(type: "boolean", nullable: false),
                    NewActivity = table.Column<bool>(type: "boolean", nullable: false),
                    IsNotSupport = table.Column<bool>(type: "boolean", nullable: false),
                    ReferredToProduct = table.Column<bool>(type: "boolean", nullable: false),
                    MessageCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InboxItems_SupportThreads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "SupportThreads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ThreadMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ThreadId = table.Column<long>(type: "bigint", nullable: false),
                    ChannelId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Ts = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    BotId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Username = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    IsTeam = table.Column<bool>(type: "boolean", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    FilesJson = table.Column<string>(type: "text", nullable: true),
                    EditedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    IsDeleted = table.Column<bool>(type: "boolean", nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OutboxId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreadMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ThreadMessages_SupportThreads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "SupportThreads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ThreadNotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ThreadId = table.Column<long>(type: "bigint", nullable: false),
                    Author = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AlsoPostedToThread = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreadNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ThreadNotes_SupportThreads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "SupportThreads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ThreadStatusChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ThreadId = table.Column<long>(type: "bigint", nullable: false),
                    From = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    To = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    BySlackUserId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ByAppUser = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreadStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ThreadStatusChanges_SupportThreads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "SupportThreads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InboxItemStatusChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    From = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    To = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxItemStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InboxItemStatusChanges_InboxItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "InboxItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ThreadReactions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<long>(type: "bigint", nullable: false),
                    ChannelId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MessageTs = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    UserId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IsTeam = table.Column<bool>(type: "boolean", nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RemovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreadReactions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ThreadReactions_ThreadMessages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "ThreadMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GitHubComments_Repository_IssueNumber_CreatedAt",
                table: "GitHubComments",
                columns: new[] { "Repository", "IssueNumber", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GitHubIssueLabels_Name",
                table: "GitHubIssueLabels",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_GitHubIssues_Repository_Number",
                table: "GitHubIssues",
                columns: new[] { "Repository", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GitHubIssues_State_AwaitingTeam_UpdatedAt",
                table: "GitHubIssues",
                columns: new[] { "State", "AwaitingTeam", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GitHubIssues_State_CreatedAt",
                table: "GitHubIssues",
                columns: new[] { "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GitHubReleases_Repository_PublishedAt",
                table: "GitHubReleases",
                columns: new[] { "Repository", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GitHubReviews_Repository_Number",
                table: "GitHubReviews",
                columns: new[] { "Repository", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_Active_CreatedAt",
                table: "InboxItems",
                column: "CreatedAt",
                filter: "\"Status\" <> 'Closed' AND NOT \"IsNotSupport\"");

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_FollowUp_CreatedAt",
                table: "InboxItems",
                column: "CreatedAt",
                filter: "\"NeedsFollowUp\"");

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_GitHubIssueId",
                table: "InboxItems",
                column: "GitHubIssueId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_NotSupport_CreatedAt",
                table: "InboxItems",
                column: "CreatedAt",
                filter: "\"IsNotSupport\"");

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_Referred_CreatedAt",
                table: "InboxItems",
                column: "CreatedAt",
                filter: "\"ReferredToProduct\"");

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_Source_Active_CreatedAt",
                table: "InboxItems",
                columns: new[] { "Source", "CreatedAt" },
                filter: "\"Status\" <> 'Closed' AND NOT \"IsNotSupport\"");

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_Source_SourceKey",
                table: "InboxItems",
                columns: new[] { "Source", "SourceKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_Source_Status_CreatedAt",
                table: "InboxItems",
                columns: new[] { "Source", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_Source_Status_IsNotSupport",
                table: "InboxItems",
                columns: new[] { "Source", "Status", "IsNotSupport" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_Source_Status_LastTeamActivityAt",
                table: "InboxItems",
                columns: new[] { "Source", "Status", "LastTeamActivityAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_Source_WaitingForTeamSince",
                table: "InboxItems",
                columns: new[] { "Source", "WaitingForTeamSince" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_Status_CreatedAt",
                table: "InboxItems",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_Status_IsNotSupport",
                table: "InboxItems",
                columns: new[] { "Status", "IsNotSupport" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_Status_WaitingForTeamSince",
                table: "InboxItems",
                columns: new[] { "Status", "WaitingForTeamSince" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_ThreadId",
                table: "InboxItems",
                column: "ThreadId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_WaitingForTeamSince",
                table: "InboxItems",
                column: "WaitingForTeamSince");

            migrationBuilder.CreateIndex(
                name: "IX_InboxItemStatusChanges_ItemId_At",
                table: "InboxItemStatusChanges",
                columns: new[] { "ItemId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_OnCallCalendarTokens_MemberId",
                table: "OnCallCalendarTokens",
                column: "MemberId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OnCallCalendarTokens_Token",
                table: "OnCallCalendarTokens",
                column: "Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OnCallHandoffs_ShiftDate",
                table: "OnCallHandoffs",
                column: "ShiftDate",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OnCallRotationVersions_EffectiveFrom",
                table: "OnCallRotationVersions",
                column: "EffectiveFrom",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OnCallSubstitutions_EndDate",
                table: "OnCallSubstitutions",
                column: "EndDate");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_IssueKey",
                table: "OutboxMessages",
                column: "IssueKey");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_NextAttemptAt",
                table: "OutboxMessages",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_ThreadId",
                table: "OutboxMessages",
                column: "ThreadId");

            migrationBuilder.CreateIndex(
                name: "IX_ProcessedSlackEvents_ReceivedAt",
                table: "ProcessedSlackEvents",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewDecisions_IssueId",
                table: "ReviewDecisions",
                column: "IssueId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewDecisions_WeekStart",
                table: "ReviewDecisions",
                column: "WeekStart");

            migrationBuilder.CreateIndex(
                name: "IX_SavedReplies_IsArchived_SortOrder",
                table: "SavedReplies",
                columns: new[] { "IsArchived", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportThreads_Active_CreatedAt",
                table: "SupportThreads",
                column: "CreatedAt",
                filter: "\"Status\" <> 'Closed' AND NOT \"IsNotSupport\"");

            migrationBuilder.CreateIndex(
                name: "IX_SupportThreads_ChannelId_Ts",
                table: "SupportThreads",
                columns: new[] { "ChannelId", "Ts" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupportThreads_CreatedAt",
                table: "SupportThreads",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SupportThreads_FollowUp_CreatedAt",
                table: "SupportThreads",
                column: "CreatedAt",
                filter: "\"NeedsFollowUp\"");

            migrationBuilder.CreateIndex(
                name: "IX_SupportThreads_FollowUpDueAt",
                table: "SupportThreads",
                column: "FollowUpDueAt",
                filter: "\"NeedsFollowUp\"");

            migrationBuilder.CreateIndex(
                name: "IX_SupportThreads_NotSupport_CreatedAt",
                table: "SupportThreads",
                column: "CreatedAt",
                filter: "\"IsNotSupport\"");

            migrationBuilder.CreateIndex(
                name: "IX_SupportThreads_Referred_CreatedAt",
                table: "SupportThreads",
                column: "CreatedAt",
                filter: "\"ReferredToProduct\"");

            migrationBuilder.CreateIndex(
                name: "IX_SupportThreads_Status_CreatedAt",
                table: "SupportThreads",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportThreads_Status_IsNotSupport",
                table: "SupportThreads",
                columns: new[] { "Status", "IsNotSupport" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportThreads_Status_LastMessageAt",
                table: "SupportThreads",
                columns: new[] { "Status", "LastMessageAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportThreads_Status_LastTeamMessageAt",
                table: "SupportThreads",
                columns: new[] { "Status", "LastTeamMessageAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportThreads_Status_StatusChangedAt",
                table: "SupportThreads",
                columns: new[] { "Status", "StatusChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportThreads_Status_WaitingForTeamSince",
                table: "SupportThreads",
                columns: new[] { "Status", "WaitingForTeamSince" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportThreads_UserId_CreatedAt",
                table: "SupportThreads",
                columns: new[] { "UserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportThreads_WaitingForTeamSince",
                table: "SupportThreads",
                column: "WaitingForTeamSince");

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_Email",
                table: "TeamMembers",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_GitHubLogin",
                table: "TeamMembers",
                column: "GitHubLogin");

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_SlackUserId",
                table: "TeamMembers",
                column: "SlackUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ThreadIssueLinks_CreateOutboxId",
                table: "ThreadIssueLinks",
                column: "CreateOutboxId");

            migrationBuilder.CreateIndex(
                name: "IX_ThreadIssueLinks_Repository_Number",
                table: "ThreadIssueLinks",
                columns: new[] { "Repository", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_ThreadIssueLinks_ThreadId",
                table: "ThreadIssueLinks",
                column: "ThreadId");

            migrationBuilder.CreateIndex(
                name: "IX_ThreadMessages_ChannelId_Ts",
                table: "ThreadMessages",
                columns: new[] { "ChannelId", "Ts" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ThreadMessages_ThreadId_SentAt",
                table: "ThreadMessages",
                columns: new[] { "ThreadId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ThreadNotes_ThreadId_At",
                table: "ThreadNotes",
                columns: new[] { "ThreadId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ThreadReactions_ChannelId_MessageTs_Name_UserId",
                table: "ThreadReactions",
                columns: new[] { "ChannelId", "MessageTs", "Name", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ThreadReactions_MessageId",
                table: "ThreadReactions",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_ThreadStatusChanges_ThreadId_At",
                table: "ThreadStatusChanges",
                columns: new[] { "ThreadId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "GitHubComments");

            migrationBuilder.DropTable(
                name: "GitHubIssueLabels");

            migrationBuilder.DropTable(
                name: "GitHubReleases");

            migrationBuilder.DropTable(
                name: "GitHubRepoSyncStates");

            migrationBuilder.DropTable(
                name: "GitHubReviews");

            migrationBuilder.DropTable(
                name: "InboxItemStatusChanges");

            migrationBuilder.DropTable(
                name: "OnCallCalendarTokens");

            migrationBuilder.DropTable(
                name: "OnCallHandoffs");

            migrationBuilder.DropTable(
                name: "OnCallNotificationCursor");

            migrationBuilder.DropTable(
                name: "OnCallRotationVersions");

            migrationBuilder.DropTable(
                name: "OnCallSettings");

            migrationBuilder.DropTable(
                name: "OnCallSubstitutions");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "ProcessedGitHubDeliveries");

            migrationBuilder.DropTable(
                name: "ProcessedSlackEvents");

            migrationBuilder.DropTable(
                name: "ReviewDecisions");

            migrationBuilder.DropTable(
                name: "SavedReplies");

            migrationBuilder.DropTable(
                name: "SlackChannelSyncStates");

            migrationBuilder.DropTable(
                name: "SlackUsers");

            migrationBuilder.DropTable(
                name: "TeamMembers");

            migrationBuilder.DropTable(
                name: "ThreadIssueLinks");

            migrationBuilder.DropTable(
                name: "ThreadNotes");

            migrationBuilder.DropTable(
                name: "ThreadReactions");

            migrationBuilder.DropTable(
                name: "ThreadStatusChanges");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "GitHubIssues");

            migrationBuilder.DropTable(
                name: "InboxItems");

            migrationBuilder.DropTable(
                name: "ThreadMessages");

            migrationBuilder.DropTable(
                name: "SupportThreads");
        }
    }
}
