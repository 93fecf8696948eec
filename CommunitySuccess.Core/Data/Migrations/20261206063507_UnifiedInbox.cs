using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunitySuccess.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class UnifiedInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreatedByUserId",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InboxItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ThreadId = table.Column<long>(type: "INTEGER", nullable: true),
                    GitHubIssueId = table.Column<long>(type: "INTEGER", nullable: true),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: true),
                    IsPullRequest = table.Column<bool>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AuthorTimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Preview = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Labels = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StatusChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastActivityAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    WaitingForTeamSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UnansweredSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastTeamActivityAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastByTeam = table.Column<bool>(type: "INTEGER", nullable: false),
                    NeedsFollowUp = table.Column<bool>(type: "INTEGER", nullable: false),
                    NewActivity = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsNotSupport = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReferredToProduct = table.Column<bool>(type: "INTEGER", nullable: false),
                    MessageCount = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "InboxItemStatusChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
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

            // Existing threads join the unified inbox with the migration, not at their next change.
            migrationBuilder.Sql(CommunitySuccess.Core.Inbox.InboxItemBackfill.FromSupportThreadsSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InboxItemStatusChanges");

            migrationBuilder.DropTable(
                name: "InboxItems");

            migrationBuilder.DropColumn(
                name: "CreatedByUserId",
                table: "OutboxMessages");
        }
    }
}
