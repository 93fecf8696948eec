using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunitySuccess.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SlackBackfillCheckpoint : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BackfillCursorTs",
                table: "SlackChannelSyncStates",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BackfillEstimatedTotal",
                table: "SlackChannelSyncStates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "BackfillStartedAt",
                table: "SlackChannelSyncStates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BackfillThreadsRead",
                table: "SlackChannelSyncStates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "LastErrorCode",
                table: "SlackChannelSyncStates",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastErrorScope",
                table: "SlackChannelSyncStates",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BackfillCursorTs",
                table: "SlackChannelSyncStates");

            migrationBuilder.DropColumn(
                name: "BackfillEstimatedTotal",
                table: "SlackChannelSyncStates");

            migrationBuilder.DropColumn(
                name: "BackfillStartedAt",
                table: "SlackChannelSyncStates");

            migrationBuilder.DropColumn(
                name: "BackfillThreadsRead",
                table: "SlackChannelSyncStates");

            migrationBuilder.DropColumn(
                name: "LastErrorCode",
                table: "SlackChannelSyncStates");

            migrationBuilder.DropColumn(
                name: "LastErrorScope",
                table: "SlackChannelSyncStates");
        }
    }
}
