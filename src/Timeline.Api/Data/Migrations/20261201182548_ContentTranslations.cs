using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Timeline.Api.Data.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Sources",
                type: "TEXT",
                maxLength: 35,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "Sources",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Quotes",
                type: "TEXT",
                maxLength: 35,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "Quotes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Events",
                type: "TEXT",
                maxLength: 35,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "Events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Commitments",
                type: "TEXT",
                maxLength: 35,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "Commitments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Assessments",
                type: "TEXT",
                maxLength: 35,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "Assessments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Actors",
                type: "TEXT",
                maxLength: 35,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "Actors",
                type: "TEXT",
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
