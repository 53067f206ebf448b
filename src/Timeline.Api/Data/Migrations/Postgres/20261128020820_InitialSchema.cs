using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Timeline.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Actors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    FoldedName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Actors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    KeyId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    SecretHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChangeLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    KeyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Operation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    ResourceType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    ResourceKey = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C"),
                    Timelines = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Changes = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    Summary = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    DateText = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    DateStart = table.Column<DateOnly>(type: "date", nullable: false),
                    DateEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Confidence = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true, collation: "C"),
                    Note = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdempotencyRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    KeyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    RequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    StatusCode = table.Column<int>(type: "integer", nullable: false),
                    ContentType = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Location = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ETag = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Body = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotencyRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Sources",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true, collation: "C"),
                    Publisher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    PublishedText = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    ArchivedUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Timelines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false, collation: "C"),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Timelines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActorAliases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ActorId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    FoldedName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActorAliases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActorAliases_Actors_ActorId",
                        column: x => x.ActorId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Commitments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    MadeInEventId = table.Column<long>(type: "bigint", nullable: true),
                    DueText = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    DueStart = table.Column<DateOnly>(type: "date", nullable: true),
                    DueEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Commitments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Commitments_Events_MadeInEventId",
                        column: x => x.MadeInEventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EventActors",
                columns: table => new
                {
                    EventId = table.Column<long>(type: "bigint", nullable: false),
                    ActorId = table.Column<long>(type: "bigint", nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventActors", x => new { x.EventId, x.ActorId, x.Role });
                    table.ForeignKey(
                        name: "FK_EventActors_Actors_ActorId",
                        column: x => x.ActorId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EventActors_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventRelations",
                columns: table => new
                {
                    EventId = table.Column<long>(type: "bigint", nullable: false),
                    RelatedEventId = table.Column<long>(type: "bigint", nullable: false),
                    Relation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventRelations", x => new { x.EventId, x.RelatedEventId, x.Relation });
                    table.ForeignKey(
                        name: "FK_EventRelations_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EventRelations_Events_RelatedEventId",
                        column: x => x.RelatedEventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EventTags",
                columns: table => new
                {
                    EventId = table.Column<long>(type: "bigint", nullable: false),
                    Tag = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventTags", x => new { x.EventId, x.Tag });
                    table.ForeignKey(
                        name: "FK_EventTags_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventSources",
                columns: table => new
                {
                    EventId = table.Column<long>(type: "bigint", nullable: false),
                    SourceId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventSources", x => new { x.EventId, x.SourceId });
                    table.ForeignKey(
                        name: "FK_EventSources_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EventSources_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TimelineEvents",
                columns: table => new
                {
                    TimelineId = table.Column<long>(type: "bigint", nullable: false),
                    EventId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TimelineEvents", x => new { x.TimelineId, x.EventId });
                    table.ForeignKey(
                        name: "FK_TimelineEvents_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TimelineEvents_Timelines_TimelineId",
                        column: x => x.TimelineId,
                        principalTable: "Timelines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Assessments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CommitmentId = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    DateText = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    DateStart = table.Column<DateOnly>(type: "date", nullable: false),
                    DateEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    EventId = table.Column<long>(type: "bigint", nullable: true),
                    Confidence = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true, collation: "C"),
                    Note = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RetractedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RetractedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    RetractionReason = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assessments_Commitments_CommitmentId",
                        column: x => x.CommitmentId,
                        principalTable: "Commitments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Assessments_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CommitmentParties",
                columns: table => new
                {
                    CommitmentId = table.Column<long>(type: "bigint", nullable: false),
                    ActorId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitmentParties", x => new { x.CommitmentId, x.ActorId });
                    table.ForeignKey(
                        name: "FK_CommitmentParties_Actors_ActorId",
                        column: x => x.ActorId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CommitmentParties_Commitments_CommitmentId",
                        column: x => x.CommitmentId,
                        principalTable: "Commitments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Quotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false, collation: "C"),
                    Text = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    SpeakerId = table.Column<long>(type: "bigint", nullable: false),
                    DateText = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    DateStart = table.Column<DateOnly>(type: "date", nullable: true),
                    DateEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    SourceId = table.Column<long>(type: "bigint", nullable: false),
                    EventId = table.Column<long>(type: "bigint", nullable: true),
                    CommitmentId = table.Column<long>(type: "bigint", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Quotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Quotes_Actors_SpeakerId",
                        column: x => x.SpeakerId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Quotes_Commitments_CommitmentId",
                        column: x => x.CommitmentId,
                        principalTable: "Commitments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Quotes_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Quotes_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TimelineCommitments",
                columns: table => new
                {
                    TimelineId = table.Column<long>(type: "bigint", nullable: false),
                    CommitmentId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TimelineCommitments", x => new { x.TimelineId, x.CommitmentId });
                    table.ForeignKey(
                        name: "FK_TimelineCommitments_Commitments_CommitmentId",
                        column: x => x.CommitmentId,
                        principalTable: "Commitments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TimelineCommitments_Timelines_TimelineId",
                        column: x => x.TimelineId,
                        principalTable: "Timelines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentSources",
                columns: table => new
                {
                    AssessmentId = table.Column<long>(type: "bigint", nullable: false),
                    SourceId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentSources", x => new { x.AssessmentId, x.SourceId });
                    table.ForeignKey(
                        name: "FK_AssessmentSources_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssessmentSources_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TimelineQuotes",
                columns: table => new
                {
                    TimelineId = table.Column<long>(type: "bigint", nullable: false),
                    QuoteId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TimelineQuotes", x => new { x.TimelineId, x.QuoteId });
                    table.ForeignKey(
                        name: "FK_TimelineQuotes_Quotes_QuoteId",
                        column: x => x.QuoteId,
                        principalTable: "Quotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TimelineQuotes_Timelines_TimelineId",
                        column: x => x.TimelineId,
                        principalTable: "Timelines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActorAliases_ActorId_Name",
                table: "ActorAliases",
                columns: new[] { "ActorId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActorAliases_FoldedName",
                table: "ActorAliases",
                column: "FoldedName");

            migrationBuilder.CreateIndex(
                name: "IX_Actors_FoldedName",
                table: "Actors",
                column: "FoldedName");

            migrationBuilder.CreateIndex(
                name: "IX_Actors_Kind",
                table: "Actors",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_Actors_Slug",
                table: "Actors",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_KeyId",
                table: "ApiKeys",
                column: "KeyId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Name",
                table: "ApiKeys",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_CommitmentId_DateEnd_DateStart_Id",
                table: "Assessments",
                columns: new[] { "CommitmentId", "DateEnd", "DateStart", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_EventId",
                table: "Assessments",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentSources_SourceId",
                table: "AssessmentSources",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeLog_At",
                table: "ChangeLog",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeLog_ResourceType_ResourceKey_Id",
                table: "ChangeLog",
                columns: new[] { "ResourceType", "ResourceKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CommitmentParties_ActorId",
                table: "CommitmentParties",
                column: "ActorId");

            migrationBuilder.CreateIndex(
                name: "IX_Commitments_Category",
                table: "Commitments",
                column: "Category");

            migrationBuilder.CreateIndex(
                name: "IX_Commitments_MadeInEventId",
                table: "Commitments",
                column: "MadeInEventId");

            migrationBuilder.CreateIndex(
                name: "IX_Commitments_Slug",
                table: "Commitments",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EventActors_ActorId",
                table: "EventActors",
                column: "ActorId");

            migrationBuilder.CreateIndex(
                name: "IX_EventRelations_RelatedEventId",
                table: "EventRelations",
                column: "RelatedEventId");

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
                name: "IX_Events_Slug",
                table: "Events",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Events_Status",
                table: "Events",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_EventSources_SourceId",
                table: "EventSources",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_EventTags_Tag_EventId",
                table: "EventTags",
                columns: new[] { "Tag", "EventId" });

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecords_CreatedAt",
                table: "IdempotencyRecords",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecords_KeyName_IdempotencyKey",
                table: "IdempotencyRecords",
                columns: new[] { "KeyName", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Quotes_CommitmentId",
                table: "Quotes",
                column: "CommitmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Quotes_EventId",
                table: "Quotes",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_Quotes_Slug",
                table: "Quotes",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Quotes_SourceId",
                table: "Quotes",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_Quotes_SpeakerId",
                table: "Quotes",
                column: "SpeakerId");

            migrationBuilder.CreateIndex(
                name: "IX_Sources_Url",
                table: "Sources",
                column: "Url",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TimelineCommitments_CommitmentId",
                table: "TimelineCommitments",
                column: "CommitmentId");

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEvents_EventId",
                table: "TimelineEvents",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_TimelineQuotes_QuoteId",
                table: "TimelineQuotes",
                column: "QuoteId");

            migrationBuilder.CreateIndex(
                name: "IX_Timelines_Slug",
                table: "Timelines",
                column: "Slug",
                unique: true);

            // Full-text search (see Data/Search/PostgresFullTextSearch.cs). unaccent is a trusted extension: the
            // database owner may create it. The folding function is declared immutable (unaccent with a fixed
            // dictionary is) so that a generated tsvector column and its GIN index can use it; й folds to и as
            // TextFolding does, since unaccent's rules leave it alone. Names are schema-qualified so that pg_restore
            // (which runs with an empty search_path) can compute the column.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;");
            migrationBuilder.Sql("""
                CREATE FUNCTION timeline_search_text(text) RETURNS text
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$ SELECT regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, translate($1, 'йЙ', 'иИ'))), '[^[:alnum:]]+', ' ', 'g') $$;
                """);
            migrationBuilder.Sql("""
                CREATE TABLE "SearchIndex" (
                    "Kind" text COLLATE "C" NOT NULL,
                    "Slug" text COLLATE "C" NOT NULL,
                    "Title" text NOT NULL,
                    "Body" text NOT NULL,
                    "Document" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, timeline_search_text("Title" || ' ' || "Body"))) STORED
                );
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchIndex_Document" ON "SearchIndex" USING GIN ("Document");""");
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchIndex_Kind_Slug" ON "SearchIndex" ("Kind", "Slug");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "SearchIndex";""");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS timeline_search_text(text);");

            migrationBuilder.DropTable(
                name: "ActorAliases");

            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "AssessmentSources");

            migrationBuilder.DropTable(
                name: "ChangeLog");

            migrationBuilder.DropTable(
                name: "CommitmentParties");

            migrationBuilder.DropTable(
                name: "EventActors");

            migrationBuilder.DropTable(
                name: "EventRelations");

            migrationBuilder.DropTable(
                name: "EventSources");

            migrationBuilder.DropTable(
                name: "EventTags");

            migrationBuilder.DropTable(
                name: "IdempotencyRecords");

            migrationBuilder.DropTable(
                name: "TimelineCommitments");

            migrationBuilder.DropTable(
                name: "TimelineEvents");

            migrationBuilder.DropTable(
                name: "TimelineQuotes");

            migrationBuilder.DropTable(
                name: "Assessments");

            migrationBuilder.DropTable(
                name: "Quotes");

            migrationBuilder.DropTable(
                name: "Timelines");

            migrationBuilder.DropTable(
                name: "Actors");

            migrationBuilder.DropTable(
                name: "Commitments");

            migrationBuilder.DropTable(
                name: "Sources");

            migrationBuilder.DropTable(
                name: "Events");
        }
    }
}
