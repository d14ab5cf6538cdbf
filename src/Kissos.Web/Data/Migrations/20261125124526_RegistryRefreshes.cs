using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kissos.Data.Migrations
{
    /// <inheritdoc />
    public partial class RegistryRefreshes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "registry");

            migrationBuilder.CreateTable(
                name: "refresh",
                schema: "registry",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    rpss_file = table.Column<string>(type: "text", nullable: false),
                    addresses_file = table.Column<string>(type: "text", nullable: false),
                    vfr_file = table.Column<string>(type: "text", nullable: true),
                    kraje = table.Column<List<string>>(type: "text[]", nullable: false),
                    services_in_file = table.Column<int>(type: "integer", nullable: false),
                    services_active = table.Column<int>(type: "integer", nullable: false),
                    services_new = table.Column<int>(type: "integer", nullable: false),
                    services_ended = table.Column<int>(type: "integer", nullable: false),
                    capacity_changes = table.Column<int>(type: "integer", nullable: false),
                    moved_places = table.Column<int>(type: "integer", nullable: false),
                    facilities = table.Column<int>(type: "integer", nullable: false),
                    secret_facilities = table.Column<int>(type: "integer", nullable: false),
                    facilities_without_code = table.Column<int>(type: "integer", nullable: false),
                    address_codes = table.Column<int>(type: "integer", nullable: false),
                    address_codes_not_found = table.Column<int>(type: "integer", nullable: false),
                    vfr_obce = table.Column<int>(type: "integer", nullable: false),
                    warnings = table.Column<List<string>>(type: "text[]", nullable: false),
                    errors = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refresh", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "refresh_change",
                schema: "registry",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    refresh_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    service_id = table.Column<string>(type: "text", nullable: false),
                    service_name = table.Column<string>(type: "text", nullable: false),
                    provider_ico = table.Column<string>(type: "text", nullable: false),
                    kraje = table.Column<List<string>>(type: "text[]", nullable: false),
                    place_id = table.Column<string>(type: "text", nullable: true),
                    old_value = table.Column<string>(type: "text", nullable: true),
                    new_value = table.Column<string>(type: "text", nullable: true),
                    detail = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refresh_change", x => x.id);
                    table.CheckConstraint("ck_refresh_change_kind", "kind IN ('new', 'ended', 'capacity', 'moved')");
                    table.ForeignKey(
                        name: "fk_refresh_change_refreshes_refresh_id",
                        column: x => x.refresh_id,
                        principalSchema: "registry",
                        principalTable: "refresh",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_refresh_started_at",
                schema: "registry",
                table: "refresh",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_refresh_change_refresh_id_kind",
                schema: "registry",
                table: "refresh_change",
                columns: new[] { "refresh_id", "kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "refresh_change",
                schema: "registry");

            migrationBuilder.DropTable(
                name: "refresh",
                schema: "registry");
        }
    }
}
