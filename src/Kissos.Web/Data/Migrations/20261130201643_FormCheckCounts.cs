using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kissos.Data.Migrations
{
    /// <inheritdoc />
    public partial class FormCheckCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "check_errors",
                schema: "forms",
                table: "form",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "check_warnings",
                schema: "forms",
                table: "form",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "checked_at",
                schema: "forms",
                table: "form",
                type: "timestamp with time zone",
                nullable: true);

            // Forms of templates without cross-set checks or per-IČO sets fail none; the others are checked on the first overview.
            migrationBuilder.Sql("""
                UPDATE forms.form f SET check_errors = 0, check_warnings = 0, checked_at = now()
                FROM forms.template_version t
                WHERE t.id = f.template_id
                  AND jsonb_array_length(coalesce(t.definition -> 'checks', '[]')) = 0
                  AND NOT jsonb_path_exists(t.definition, '$.sets[*] ? (@.perIco == true)')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "check_errors",
                schema: "forms",
                table: "form");

            migrationBuilder.DropColumn(
                name: "check_warnings",
                schema: "forms",
                table: "form");

            migrationBuilder.DropColumn(
                name: "checked_at",
                schema: "forms",
                table: "form");
        }
    }
}
