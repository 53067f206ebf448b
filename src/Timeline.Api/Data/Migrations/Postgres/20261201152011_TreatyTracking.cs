using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Timeline.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TreatyTracking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Treaties",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    ShortTitle = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SignedText = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    SignedStart = table.Column<DateOnly>(type: "date", nullable: true),
                    SignedEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    TextUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    EventId = table.Column<long>(type: "bigint", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Treaties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Treaties_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TimelineTreaties",
                columns: table => new
                {
                    TimelineId = table.Column<long>(type: "bigint", nullable: false),
                    TreatyId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TimelineTreaties", x => new { x.TimelineId, x.TreatyId });
                    table.ForeignKey(
                        name: "FK_TimelineTreaties_Timelines_TimelineId",
                        column: x => x.TimelineId,
                        principalTable: "Timelines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TimelineTreaties_Treaties_TreatyId",
                        column: x => x.TreatyId,
                        principalTable: "Treaties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TreatyActions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TreatyId = table.Column<long>(type: "bigint", nullable: false),
                    PartyId = table.Column<long>(type: "bigint", nullable: true),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    DateText = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    DateStart = table.Column<DateOnly>(type: "date", nullable: false),
                    DateEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    Body = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Note = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    EventId = table.Column<long>(type: "bigint", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RetractedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RetractedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    RetractionReason = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TreatyActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TreatyActions_Actors_PartyId",
                        column: x => x.PartyId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TreatyActions_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TreatyActions_Treaties_TreatyId",
                        column: x => x.TreatyId,
                        principalTable: "Treaties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TreatyCommitments",
                columns: table => new
                {
                    TreatyId = table.Column<long>(type: "bigint", nullable: false),
                    CommitmentId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TreatyCommitments", x => new { x.TreatyId, x.CommitmentId });
                    table.ForeignKey(
                        name: "FK_TreatyCommitments_Commitments_CommitmentId",
                        column: x => x.CommitmentId,
                        principalTable: "Commitments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TreatyCommitments_Treaties_TreatyId",
                        column: x => x.TreatyId,
                        principalTable: "Treaties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TreatyParties",
                columns: table => new
                {
                    TreatyId = table.Column<long>(type: "bigint", nullable: false),
                    ActorId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TreatyParties", x => new { x.TreatyId, x.ActorId });
                    table.ForeignKey(
                        name: "FK_TreatyParties_Actors_ActorId",
                        column: x => x.ActorId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TreatyParties_Treaties_TreatyId",
                        column: x => x.TreatyId,
                        principalTable: "Treaties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TreatyActionSources",
                columns: table => new
                {
                    TreatyActionId = table.Column<long>(type: "bigint", nullable: false),
                    SourceId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TreatyActionSources", x => new { x.TreatyActionId, x.SourceId });
                    table.ForeignKey(
                        name: "FK_TreatyActionSources_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TreatyActionSources_TreatyActions_TreatyActionId",
                        column: x => x.TreatyActionId,
                        principalTable: "TreatyActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TimelineTreaties_TreatyId",
                table: "TimelineTreaties",
                column: "TreatyId");

            migrationBuilder.CreateIndex(
                name: "IX_Treaties_EventId",
                table: "Treaties",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_Treaties_SignedStart",
                table: "Treaties",
                column: "SignedStart");

            migrationBuilder.CreateIndex(
                name: "IX_Treaties_Slug",
                table: "Treaties",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TreatyActions_DateStart_Id",
                table: "TreatyActions",
                columns: new[] { "DateStart", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TreatyActions_EventId",
                table: "TreatyActions",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_TreatyActions_PartyId",
                table: "TreatyActions",
                column: "PartyId");

            migrationBuilder.CreateIndex(
                name: "IX_TreatyActions_TreatyId_DateEnd_DateStart_Id",
                table: "TreatyActions",
                columns: new[] { "TreatyId", "DateEnd", "DateStart", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TreatyActionSources_SourceId",
                table: "TreatyActionSources",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_TreatyCommitments_CommitmentId",
                table: "TreatyCommitments",
                column: "CommitmentId");

            migrationBuilder.CreateIndex(
                name: "IX_TreatyParties_ActorId_TreatyId",
                table: "TreatyParties",
                columns: new[] { "ActorId", "TreatyId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TimelineTreaties");

            migrationBuilder.DropTable(
                name: "TreatyActionSources");

            migrationBuilder.DropTable(
                name: "TreatyCommitments");

            migrationBuilder.DropTable(
                name: "TreatyParties");

            migrationBuilder.DropTable(
                name: "TreatyActions");

            migrationBuilder.DropTable(
                name: "Treaties");
        }
    }
}
