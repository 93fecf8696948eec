using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunitySuccess.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class OnCall : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OnCallCalendarTokens",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnCallCalendarTokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OnCallHandoffs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ShiftDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    PostedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OutboxId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnCallHandoffs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OnCallNotificationCursor",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastMessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSentAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnCallNotificationCursor", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OnCallRotationVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MemberIds = table.Column<string>(type: "TEXT", nullable: false),
                    WorkingDays = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnCallRotationVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OnCallSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HandoffTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    Holidays = table.Column<string>(type: "TEXT", nullable: false),
                    WorkingDays = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnCallSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OnCallSubstitutions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SubstituteMemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReplacedMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ProposedByMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnCallSubstitutions", x => x.Id);
                });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
