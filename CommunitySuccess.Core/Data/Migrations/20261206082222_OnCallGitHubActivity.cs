using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunitySuccess.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class OnCallGitHubActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastGitHubActivityAt",
                table: "OnCallNotificationCursor",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_Source_LastActivityAt",
                table: "InboxItems",
                columns: new[] { "Source", "LastActivityAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InboxItems_Source_LastActivityAt",
                table: "InboxItems");

            migrationBuilder.DropColumn(
                name: "LastGitHubActivityAt",
                table: "OnCallNotificationCursor");
        }
    }
}
