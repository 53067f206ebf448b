using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Timeline.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReadsAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EventTags_Tag_EventId",
                table: "EventTags");

            migrationBuilder.DropIndex(
                name: "IX_Events_DateEnd",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_DateStart_Slug",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_Kind",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_Status",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_EventActors_ActorId",
                table: "EventActors");

            migrationBuilder.AddColumn<DateOnly>(
                name: "DateEnd",
                table: "TimelineEvents",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "DateStart",
                table: "TimelineEvents",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "TimelineEvents",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateOnly>(
                name: "DateEnd",
                table: "EventTags",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "DateStart",
                table: "EventTags",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "ListJson",
                table: "Events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DateEnd",
                table: "EventActors",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "DateStart",
                table: "EventActors",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<int>(
                name: "SpanBucket",
                table: "TimelineEvents",
                type: "INTEGER",
                nullable: false,
                computedColumnSql: "CASE WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 0 THEN 0 WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 30 THEN 1 WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 365 THEN 2 WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 3652 THEN 3 WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 36524 THEN 4 ELSE 5 END",
                stored: false);

            migrationBuilder.AddColumn<int>(
                name: "SpanBucket",
                table: "EventTags",
                type: "INTEGER",
                nullable: false,
                computedColumnSql: "CASE WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 0 THEN 0 WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 30 THEN 1 WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 365 THEN 2 WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 3652 THEN 3 WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 36524 THEN 4 ELSE 5 END",
                stored: false);

            migrationBuilder.AddColumn<int>(
                name: "SpanBucket",
                table: "Events",
                type: "INTEGER",
                nullable: false,
                computedColumnSql: "CASE WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 0 THEN 0 WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 30 THEN 1 WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 365 THEN 2 WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 3652 THEN 3 WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 36524 THEN 4 ELSE 5 END",
                stored: false);

            migrationBuilder.AddColumn<int>(
                name: "SpanBucket",
                table: "EventActors",
                type: "INTEGER",
                nullable: false,
                computedColumnSql: "CASE WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 0 THEN 0 WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 30 THEN 1 WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 365 THEN 2 WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 3652 THEN 3 WHEN (julianday(\"DateEnd\") - julianday(\"DateStart\")) <= 36524 THEN 4 ELSE 5 END",
                stored: false);

            migrationBuilder.CreateTable(
                name: "ChangeLogTimelines",
                columns: table => new
                {
                    ChangeId = table.Column<long>(type: "INTEGER", nullable: false),
                    Timeline = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Operation = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeLogTimelines", x => new { x.Timeline, x.ChangeId });
                    table.ForeignKey(
                        name: "FK_ChangeLogTimelines_ChangeLog_ChangeId",
                        column: x => x.ChangeId,
                        principalTable: "ChangeLog",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEvents_TimelineId_SpanBucket_DateStart_EventId_DateEnd",
                table: "TimelineEvents",
                columns: new[] { "TimelineId", "SpanBucket", "DateStart", "EventId", "DateEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEvents_TimelineId_UpdatedAt_DateStart_EventId",
                table: "TimelineEvents",
                columns: new[] { "TimelineId", "UpdatedAt", "DateStart", "EventId" });

            migrationBuilder.CreateIndex(
                name: "IX_EventTags_Tag_SpanBucket_DateStart_EventId_DateEnd",
                table: "EventTags",
                columns: new[] { "Tag", "SpanBucket", "DateStart", "EventId", "DateEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_Kind_SpanBucket_DateStart_Id_DateEnd",
                table: "Events",
                columns: new[] { "Kind", "SpanBucket", "DateStart", "Id", "DateEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_ListingMissing",
                table: "Events",
                column: "Id",
                filter: "\"ListJson\" IS NULL AND \"DeletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Events_SpanBucket_DateStart_Id_DateEnd",
                table: "Events",
                columns: new[] { "SpanBucket", "DateStart", "Id", "DateEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_Status_SpanBucket_DateStart_Id_DateEnd",
                table: "Events",
                columns: new[] { "Status", "SpanBucket", "DateStart", "Id", "DateEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_EventActors_ActorId_SpanBucket_DateStart_EventId_DateEnd",
                table: "EventActors",
                columns: new[] { "ActorId", "SpanBucket", "DateStart", "EventId", "DateEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_ChangeLog_ResourceType_Id",
                table: "ChangeLog",
                columns: new[] { "ResourceType", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ChangeLogTimelines_ChangeId",
                table: "ChangeLogTimelines",
                column: "ChangeId");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeLogTimelines_Timeline_Operation_ChangeId",
                table: "ChangeLogTimelines",
                columns: new[] { "Timeline", "Operation", "ChangeId" });

            // Existing rows: the join tables get their events' dates, and the change log its timelines one row each.
            // Each event's list representation (ListJson) is computed by the app on its next start (EventListing).
            foreach (var table in new[] { "EventActors", "EventTags" })
            {
                migrationBuilder.Sql($"""
                    UPDATE "{table}" SET "DateStart" = e."DateStart", "DateEnd" = e."DateEnd"
                    FROM "Events" AS e WHERE e."Id" = "{table}"."EventId";
                    """);
            }

            migrationBuilder.Sql("""
                UPDATE "TimelineEvents" SET "DateStart" = e."DateStart", "DateEnd" = e."DateEnd", "UpdatedAt" = e."UpdatedAt"
                FROM "Events" AS e WHERE e."Id" = "TimelineEvents"."EventId";
                """);
            migrationBuilder.Sql("""
                INSERT INTO "ChangeLogTimelines" ("ChangeId", "Timeline", "Operation")
                SELECT c."Id", t.value, c."Operation"
                FROM "ChangeLog" AS c, json_each('["' || replace(c."Timelines", ' ', '","') || '"]') AS t
                WHERE c."Timelines" <> '';
                """);

            // Search rows get keys that say what they are ((kind << 40) + id, see SqliteFullTextSearch), so that a
            // resource's row is found by key and a kind is a range of keys: the index is filled again with them.
            migrationBuilder.Sql("""
                DELETE FROM SearchIndex;
                INSERT INTO SearchIndex (rowid, Kind, Slug, Title, Body)
                SELECT (1 << 40) + x.Id, 'event', x.Slug, x.Title, coalesce(x.Summary, '') || ' ' || coalesce(x.Place, '') || ' ' || coalesce(x.Note, '')
                FROM Events x WHERE x.DeletedAt IS NULL;
                INSERT INTO SearchIndex (rowid, Kind, Slug, Title, Body)
                SELECT (2 << 40) + x.Id, 'commitment', x.Slug, x.Title, coalesce(x.Description, '')
                FROM Commitments x WHERE x.DeletedAt IS NULL;
                INSERT INTO SearchIndex (rowid, Kind, Slug, Title, Body)
                SELECT (3 << 40) + x.Id, 'actor', x.Slug, x.Name,
                       coalesce((SELECT group_concat(al.Name, ' ') FROM ActorAliases al WHERE al.ActorId = x.Id), '') || ' ' || coalesce(x.Description, '')
                FROM Actors x WHERE x.DeletedAt IS NULL;
                INSERT INTO SearchIndex (rowid, Kind, Slug, Title, Body)
                SELECT (4 << 40) + x.Id, 'quote', x.Slug, x.Text,
                       s.Name || ' ' || coalesce((SELECT group_concat(al.Name, ' ') FROM ActorAliases al WHERE al.ActorId = s.Id), '')
                FROM Quotes x JOIN Actors s ON s.Id = x.SpeakerId WHERE x.DeletedAt IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChangeLogTimelines");

            migrationBuilder.DropIndex(
                name: "IX_TimelineEvents_TimelineId_SpanBucket_DateStart_EventId_DateEnd",
                table: "TimelineEvents");

            migrationBuilder.DropIndex(
                name: "IX_TimelineEvents_TimelineId_UpdatedAt_DateStart_EventId",
                table: "TimelineEvents");

            migrationBuilder.DropIndex(
                name: "IX_EventTags_Tag_SpanBucket_DateStart_EventId_DateEnd",
                table: "EventTags");

            migrationBuilder.DropIndex(
                name: "IX_Events_Kind_SpanBucket_DateStart_Id_DateEnd",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_ListingMissing",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_SpanBucket_DateStart_Id_DateEnd",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_Status_SpanBucket_DateStart_Id_DateEnd",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_EventActors_ActorId_SpanBucket_DateStart_EventId_DateEnd",
                table: "EventActors");

            migrationBuilder.DropIndex(
                name: "IX_ChangeLog_ResourceType_Id",
                table: "ChangeLog");

            migrationBuilder.DropColumn(
                name: "SpanBucket",
                table: "TimelineEvents");

            migrationBuilder.DropColumn(
                name: "SpanBucket",
                table: "EventTags");

            migrationBuilder.DropColumn(
                name: "SpanBucket",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "SpanBucket",
                table: "EventActors");

            migrationBuilder.DropColumn(
                name: "DateEnd",
                table: "TimelineEvents");

            migrationBuilder.DropColumn(
                name: "DateStart",
                table: "TimelineEvents");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "TimelineEvents");

            migrationBuilder.DropColumn(
                name: "DateEnd",
                table: "EventTags");

            migrationBuilder.DropColumn(
                name: "DateStart",
                table: "EventTags");

            migrationBuilder.DropColumn(
                name: "ListJson",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "DateEnd",
                table: "EventActors");

            migrationBuilder.DropColumn(
                name: "DateStart",
                table: "EventActors");

            migrationBuilder.CreateIndex(
                name: "IX_EventTags_Tag_EventId",
                table: "EventTags",
                columns: new[] { "Tag", "EventId" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_DateEnd",
                table: "Events",
                column: "DateEnd");

            migrationBuilder.CreateIndex(
                name: "IX_Events_DateStart_Slug",
                table: "Events",
                columns: new[] { "DateStart", "Slug" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_Kind",
                table: "Events",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_Events_Status",
                table: "Events",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_EventActors_ActorId",
                table: "EventActors",
                column: "ActorId");
        }
    }
}
