using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunitySuccess.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class GitHubThreadLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ThreadIssueLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ThreadId = table.Column<long>(type: "INTEGER", nullable: false),
                    Repository = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    CreateOutboxId = table.Column<long>(type: "INTEGER", nullable: true),
                    LinkedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LinkedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NotifiedReleaseId = table.Column<long>(type: "INTEGER", nullable: true),
                    NotifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreadIssueLinks", x => x.Id);
                });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ThreadIssueLinks");
        }
    }
}
