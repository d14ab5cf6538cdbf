using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;

#nullable disable

namespace Kissos.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "catalogue");

            migrationBuilder.EnsureSchema(
                name: "territory");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.CreateTable(
                name: "age_category",
                schema: "catalogue",
                columns: table => new
                {
                    code = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    age_from = table.Column<int>(type: "integer", nullable: true),
                    age_to = table.Column<int>(type: "integer", nullable: true),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_age_category", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "capacity_type",
                schema: "catalogue",
                columns: table => new
                {
                    code = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    unit = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_capacity_type", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "druh",
                schema: "catalogue",
                columns: table => new
                {
                    code = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    paragraph = table.Column<string>(type: "text", nullable: true),
                    group = table.Column<string>(type: "text", nullable: false),
                    group_name = table.Column<string>(type: "text", nullable: false),
                    allowed_forms = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_druh", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "forma",
                schema: "catalogue",
                columns: table => new
                {
                    code = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    paragraph = table.Column<string>(type: "text", nullable: false),
                    definition = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forma", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "kraj",
                schema: "territory",
                columns: table => new
                {
                    nuts3 = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    ruian_code = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    geom = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,5514)", nullable: false),
                    generalized = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,5514)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kraj", x => x.nuts3);
                });

            migrationBuilder.CreateTable(
                name: "provider",
                schema: "catalogue",
                columns: table => new
                {
                    ico = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    legal_form = table.Column<string>(type: "text", nullable: true),
                    web = table.Column<string>(type: "text", nullable: true),
                    email = table.Column<string>(type: "text", nullable: true),
                    phone = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provider", x => x.ico);
                });

            migrationBuilder.CreateTable(
                name: "target_group",
                schema: "catalogue",
                columns: table => new
                {
                    code = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    planning_area = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_target_group", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "orp",
                schema: "territory",
                columns: table => new
                {
                    csu_code = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    ruian_code = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    kraj_nuts3 = table.Column<string>(type: "character varying(5)", nullable: false),
                    geom = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,5514)", nullable: false),
                    generalized = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,5514)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orp", x => x.csu_code);
                    table.ForeignKey(
                        name: "fk_orp_kraj_kraj_nuts3",
                        column: x => x.kraj_nuts3,
                        principalSchema: "territory",
                        principalTable: "kraj",
                        principalColumn: "nuts3",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service",
                schema: "catalogue",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    identifier = table.Column<string>(type: "text", nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    provider_ico = table.Column<string>(type: "character varying(8)", nullable: false),
                    druh_code = table.Column<string>(type: "text", nullable: false),
                    forms = table.Column<List<string>>(type: "text[]", nullable: false),
                    target_groups = table.Column<List<string>>(type: "text[]", nullable: false),
                    age_categories = table.Column<List<string>>(type: "text[]", nullable: false),
                    in_regional_network = table.Column<bool>(type: "boolean", nullable: true),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: true),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    webs = table.Column<List<string>>(type: "text[]", nullable: false),
                    emails = table.Column<List<string>>(type: "text[]", nullable: false),
                    phones = table.Column<List<string>>(type: "text[]", nullable: false),
                    catchment_obce = table.Column<List<string>>(type: "text[]", nullable: false),
                    catchment_orp = table.Column<List<string>>(type: "text[]", nullable: false),
                    catchment_geom = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,5514)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_druh_druh_code",
                        column: x => x.druh_code,
                        principalSchema: "catalogue",
                        principalTable: "druh",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_provider_provider_ico",
                        column: x => x.provider_ico,
                        principalSchema: "catalogue",
                        principalTable: "provider",
                        principalColumn: "ico",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "obec",
                schema: "territory",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    orp_csu_code = table.Column<string>(type: "character varying(4)", nullable: false),
                    population = table.Column<int>(type: "integer", nullable: false),
                    geom = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,5514)", nullable: false),
                    generalized = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,5514)", nullable: true),
                    geom_source = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_obec", x => x.code);
                    table.ForeignKey(
                        name: "fk_obec_orp_orp_csu_code",
                        column: x => x.orp_csu_code,
                        principalSchema: "territory",
                        principalTable: "orp",
                        principalColumn: "csu_code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_capacity",
                schema: "catalogue",
                columns: table => new
                {
                    form = table.Column<string>(type: "text", nullable: false),
                    capacity_type = table.Column<string>(type: "text", nullable: false),
                    service_id = table.Column<string>(type: "text", nullable: false),
                    amount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_capacity", x => new { x.service_id, x.form, x.capacity_type });
                    table.ForeignKey(
                        name: "fk_service_capacity_capacity_type_capacity_type",
                        column: x => x.capacity_type,
                        principalSchema: "catalogue",
                        principalTable: "capacity_type",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_capacity_services_service_id",
                        column: x => x.service_id,
                        principalSchema: "catalogue",
                        principalTable: "service",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "place",
                schema: "catalogue",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    address_point_code = table.Column<long>(type: "bigint", nullable: true),
                    street = table.Column<string>(type: "text", nullable: true),
                    house_number = table.Column<int>(type: "integer", nullable: true),
                    orientation_number = table.Column<string>(type: "text", nullable: true),
                    post_code = table.Column<string>(type: "text", nullable: true),
                    quarter = table.Column<string>(type: "text", nullable: true),
                    obec_code = table.Column<string>(type: "character varying(6)", nullable: false),
                    location = table.Column<Point>(type: "geometry(Point,5514)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_place", x => x.id);
                    table.ForeignKey(
                        name: "fk_place_obec_obec_code",
                        column: x => x.obec_code,
                        principalSchema: "territory",
                        principalTable: "obec",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_place",
                schema: "catalogue",
                columns: table => new
                {
                    service_id = table.Column<string>(type: "text", nullable: false),
                    place_id = table.Column<string>(type: "text", nullable: false),
                    facility_name = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_place", x => new { x.service_id, x.place_id });
                    table.ForeignKey(
                        name: "fk_service_place_place_place_id",
                        column: x => x.place_id,
                        principalSchema: "catalogue",
                        principalTable: "place",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_place_service_service_id",
                        column: x => x.service_id,
                        principalSchema: "catalogue",
                        principalTable: "service",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_kraj_geom",
                schema: "territory",
                table: "kraj",
                column: "geom")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_kraj_ruian_code",
                schema: "territory",
                table: "kraj",
                column: "ruian_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_obec_geom",
                schema: "territory",
                table: "obec",
                column: "geom")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_obec_orp_csu_code",
                schema: "territory",
                table: "obec",
                column: "orp_csu_code");

            migrationBuilder.CreateIndex(
                name: "ix_orp_geom",
                schema: "territory",
                table: "orp",
                column: "geom")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_orp_kraj_nuts3",
                schema: "territory",
                table: "orp",
                column: "kraj_nuts3");

            migrationBuilder.CreateIndex(
                name: "ix_orp_ruian_code",
                schema: "territory",
                table: "orp",
                column: "ruian_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_place_location",
                schema: "catalogue",
                table: "place",
                column: "location")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_place_obec_code",
                schema: "catalogue",
                table: "place",
                column: "obec_code");

            migrationBuilder.CreateIndex(
                name: "ix_service_catchment_geom",
                schema: "catalogue",
                table: "service",
                column: "catchment_geom")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_service_druh_code",
                schema: "catalogue",
                table: "service",
                column: "druh_code");

            migrationBuilder.CreateIndex(
                name: "ix_service_provider_ico",
                schema: "catalogue",
                table: "service",
                column: "provider_ico");

            migrationBuilder.CreateIndex(
                name: "ix_service_capacity_capacity_type",
                schema: "catalogue",
                table: "service_capacity",
                column: "capacity_type");

            migrationBuilder.CreateIndex(
                name: "ix_service_place_place_id",
                schema: "catalogue",
                table: "service_place",
                column: "place_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "age_category",
                schema: "catalogue");

            migrationBuilder.DropTable(
                name: "forma",
                schema: "catalogue");

            migrationBuilder.DropTable(
                name: "service_capacity",
                schema: "catalogue");

            migrationBuilder.DropTable(
                name: "service_place",
                schema: "catalogue");

            migrationBuilder.DropTable(
                name: "target_group",
                schema: "catalogue");

            migrationBuilder.DropTable(
                name: "capacity_type",
                schema: "catalogue");

            migrationBuilder.DropTable(
                name: "place",
                schema: "catalogue");

            migrationBuilder.DropTable(
                name: "service",
                schema: "catalogue");

            migrationBuilder.DropTable(
                name: "obec",
                schema: "territory");

            migrationBuilder.DropTable(
                name: "druh",
                schema: "catalogue");

            migrationBuilder.DropTable(
                name: "provider",
                schema: "catalogue");

            migrationBuilder.DropTable(
                name: "orp",
                schema: "territory");

            migrationBuilder.DropTable(
                name: "kraj",
                schema: "territory");
        }
    }
}
