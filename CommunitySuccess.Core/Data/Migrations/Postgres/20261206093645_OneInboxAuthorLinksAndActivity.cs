using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunitySuccess.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OneInboxAuthorLinksAndActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastGitHubActivityAt",
                table: "OnCallNotificationCursor",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "GitHubAuthorLinks",
                columns: table => new
                {
                    Login = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SlackUserId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LinkedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LinkedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GitHubAuthorLinks", x => x.Login);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_Source_LastActivityAt",
                table: "InboxItems",
                columns: new[] { "Source", "LastActivityAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GitHubAuthorLinks");

            migrationBuilder.DropIndex(
                name: "IX_InboxItems_Source_LastActivityAt",
                table: "InboxItems");

            migrationBuilder.DropColumn(
                name: "LastGitHubActivityAt",
                table: "OnCallNotificationCursor");
        }
    }
}
