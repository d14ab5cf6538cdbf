using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kissos.Data.Migrations
{
    /// <inheritdoc />
    public partial class Forms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "forms");

            migrationBuilder.AddColumn<List<string>>(
                name: "statutory_icos",
                schema: "accounts",
                table: "AspNetUsers",
                type: "text[]",
                nullable: false);

            migrationBuilder.CreateTable(
                name: "network_entry",
                schema: "forms",
                columns: table => new
                {
                    kraj = table.Column<string>(type: "text", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    service_id = table.Column<string>(type: "text", nullable: false),
                    units = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    beds = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_network_entry", x => new { x.kraj, x.year, x.service_id });
                    table.CheckConstraint("ck_network_units", "units >= 0 AND (beds IS NULL OR beds >= 0)");
                    table.ForeignKey(
                        name: "fk_network_entry_services_service_id",
                        column: x => x.service_id,
                        principalSchema: "catalogue",
                        principalTable: "service",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "template_version",
                schema: "forms",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    family = table.Column<string>(type: "text", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    kraj = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_template_version", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "term",
                schema: "forms",
                columns: table => new
                {
                    kraj = table.Column<string>(type: "text", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    term = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    data_as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    due_from = table.Column<DateOnly>(type: "date", nullable: true),
                    due_to = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_term", x => new { x.kraj, x.year, x.term });
                    table.CheckConstraint("ck_term_term", "term BETWEEN 1 AND 4");
                });

            migrationBuilder.CreateTable(
                name: "form",
                schema: "forms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    template_id = table.Column<int>(type: "integer", nullable: false),
                    family = table.Column<string>(type: "text", nullable: false),
                    service_id = table.Column<string>(type: "text", nullable: false),
                    kraj = table.Column<string>(type: "text", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    term = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    content = table.Column<string>(type: "jsonb", nullable: false),
                    totals = table.Column<string>(type: "jsonb", nullable: false),
                    reopened = table.Column<bool>(type: "boolean", nullable: false),
                    negatives_allowed = table.Column<bool>(type: "boolean", nullable: false),
                    exception_reason = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_form", x => x.id);
                    table.CheckConstraint("ck_form_term", "term BETWEEN 1 AND 4");
                    table.ForeignKey(
                        name: "fk_form_services_service_id",
                        column: x => x.service_id,
                        principalSchema: "catalogue",
                        principalTable: "service",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_form_template_versions_template_id",
                        column: x => x.template_id,
                        principalSchema: "forms",
                        principalTable: "template_version",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "transition",
                schema: "forms",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    form_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    from_state = table.Column<string>(type: "text", nullable: false),
                    to_state = table.Column<string>(type: "text", nullable: false),
                    user_name = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transition", x => x.id);
                    table.ForeignKey(
                        name: "fk_transition_form_form_id",
                        column: x => x.form_id,
                        principalSchema: "forms",
                        principalTable: "form",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_form_family_service_id_year_term",
                schema: "forms",
                table: "form",
                columns: new[] { "family", "service_id", "year", "term" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_form_kraj_year_term",
                schema: "forms",
                table: "form",
                columns: new[] { "kraj", "year", "term" });

            migrationBuilder.CreateIndex(
                name: "ix_form_service_id",
                schema: "forms",
                table: "form",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_form_template_id",
                schema: "forms",
                table: "form",
                column: "template_id");

            migrationBuilder.CreateIndex(
                name: "ix_network_entry_service_id",
                schema: "forms",
                table: "network_entry",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_template_version_family_year_kraj_version",
                schema: "forms",
                table: "template_version",
                columns: new[] { "family", "year", "kraj", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_transition_form_id_at",
                schema: "forms",
                table: "transition",
                columns: new[] { "form_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "network_entry",
                schema: "forms");

            migrationBuilder.DropTable(
                name: "term",
                schema: "forms");

            migrationBuilder.DropTable(
                name: "transition",
                schema: "forms");

            migrationBuilder.DropTable(
                name: "form",
                schema: "forms");

            migrationBuilder.DropTable(
                name: "template_version",
                schema: "forms");

            migrationBuilder.DropColumn(
                name: "statutory_icos",
                schema: "accounts",
                table: "AspNetUsers");
        }
    }
}
