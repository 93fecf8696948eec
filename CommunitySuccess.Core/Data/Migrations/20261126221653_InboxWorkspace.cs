using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunitySuccess.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class InboxWorkspace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SavedReplies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedReplies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SupportThreads_Active_CreatedAt",
                table: "SupportThreads",
                column: "CreatedAt",
                filter: "\"Status\" <> 'Closed' AND NOT \"IsNotSupport\"");

            migrationBuilder.CreateIndex(
                name: "IX_SupportThreads_FollowUp_CreatedAt",
                table: "SupportThreads",
                column: "CreatedAt",
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
                name: "IX_SavedReplies_IsArchived_SortOrder",
                table: "SavedReplies",
                columns: new[] { "IsArchived", "SortOrder" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SavedReplies");

            migrationBuilder.DropIndex(
                name: "IX_SupportThreads_Active_CreatedAt",
                table: "SupportThreads");

            migrationBuilder.DropIndex(
                name: "IX_SupportThreads_FollowUp_CreatedAt",
                table: "SupportThreads");

            migrationBuilder.DropIndex(
                name: "IX_SupportThreads_NotSupport_CreatedAt",
                table: "SupportThreads");

            migrationBuilder.DropIndex(
                name: "IX_SupportThreads_Referred_CreatedAt",
                table: "SupportThreads");

            migrationBuilder.DropIndex(
                name: "IX_SupportThreads_Status_CreatedAt",
                table: "SupportThreads");
        }
    }
}
