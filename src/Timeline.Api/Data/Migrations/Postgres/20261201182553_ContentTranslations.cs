using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Timeline.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContentTranslations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "Timelines",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Sources",
                type: "character varying(35)",
                maxLength: 35,
                nullable: false,
                defaultValue: "en",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "Sources",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Quotes",
                type: "character varying(35)",
                maxLength: 35,
                nullable: false,
                defaultValue: "en",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "Quotes",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Events",
                type: "character varying(35)",
                maxLength: 35,
                nullable: false,
                defaultValue: "en",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "Events",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Commitments",
                type: "character varying(35)",
                maxLength: 35,
                nullable: false,
                defaultValue: "en",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "Commitments",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Assessments",
                type: "character varying(35)",
                maxLength: 35,
                nullable: false,
                defaultValue: "en",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "Assessments",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Actors",
                type: "character varying(35)",
                maxLength: 35,
                nullable: false,
                defaultValue: "en",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "Actors",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Translations",
                table: "Timelines");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "Translations",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "Translations",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Translations",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Commitments");

            migrationBuilder.DropColumn(
                name: "Translations",
                table: "Commitments");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "Translations",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Actors");

            migrationBuilder.DropColumn(
                name: "Translations",
                table: "Actors");
        }
    }
}
