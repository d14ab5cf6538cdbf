using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kissos.Data.Migrations
{
    /// <inheritdoc />
    public partial class Registers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "registers");

            migrationBuilder.CreateTable(
                name: "adverse_situation",
                schema: "catalogue",
                columns: table => new
                {
                    code = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_adverse_situation", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "applicant",
                schema: "registers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    service_id = table.Column<string>(type: "text", nullable: false),
                    person_code = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    key_version = table.Column<int>(type: "integer", nullable: false),
                    applied_on = table.Column<DateOnly>(type: "date", nullable: false),
                    obec_code = table.Column<string>(type: "character varying(6)", nullable: false),
                    situations = table.Column<List<string>>(type: "text[]", nullable: false),
                    target_group = table.Column<string>(type: "text", nullable: true),
                    urgency = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    status_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_applicant", x => x.id);
                    table.CheckConstraint("ck_applicant_status", "status IN ('waiting', 'admitted', 'withdrawn', 'rejected')");
                    table.CheckConstraint("ck_applicant_urgency", "urgency BETWEEN 1 AND 3");
                    table.ForeignKey(
                        name: "fk_applicant_obec_obec_code",
                        column: x => x.obec_code,
                        principalSchema: "territory",
                        principalTable: "obec",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_applicant_services_service_id",
                        column: x => x.service_id,
                        principalSchema: "catalogue",
                        principalTable: "service",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_user",
                schema: "registers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    service_id = table.Column<string>(type: "text", nullable: false),
                    person_code = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    key_version = table.Column<int>(type: "integer", nullable: false),
                    started_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    end_reason = table.Column<string>(type: "text", nullable: true),
                    obec_code = table.Column<string>(type: "character varying(6)", nullable: false),
                    next_service_id = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_user", x => x.id);
                    table.CheckConstraint("ck_service_user_dates", "ended_on IS NULL OR ended_on >= started_on");
                    table.ForeignKey(
                        name: "fk_service_user_obec_obec_code",
                        column: x => x.obec_code,
                        principalSchema: "territory",
                        principalTable: "obec",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_user_service_next_service_id",
                        column: x => x.next_service_id,
                        principalSchema: "catalogue",
                        principalTable: "service",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_service_user_service_service_id",
                        column: x => x.service_id,
                        principalSchema: "catalogue",
                        principalTable: "service",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_snapshot",
                schema: "registers",
                columns: table => new
                {
                    service_id = table.Column<string>(type: "text", nullable: false),
                    quarter_end = table.Column<DateOnly>(type: "date", nullable: false),
                    obec_code = table.Column<string>(type: "text", nullable: false),
                    users = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_snapshot", x => new { x.service_id, x.quarter_end, x.obec_code });
                    table.ForeignKey(
                        name: "fk_user_snapshot_service_service_id",
                        column: x => x.service_id,
                        principalSchema: "catalogue",
                        principalTable: "service",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_applicant_obec_code",
                schema: "registers",
                table: "applicant",
                column: "obec_code");

            migrationBuilder.CreateIndex(
                name: "ix_applicant_person_code_status",
                schema: "registers",
                table: "applicant",
                columns: new[] { "person_code", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_applicant_service_id_person_code_applied_on",
                schema: "registers",
                table: "applicant",
                columns: new[] { "service_id", "person_code", "applied_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_user_next_service_id",
                schema: "registers",
                table: "service_user",
                column: "next_service_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_user_obec_code",
                schema: "registers",
                table: "service_user",
                column: "obec_code");

            migrationBuilder.CreateIndex(
                name: "ix_service_user_person_code",
                schema: "registers",
                table: "service_user",
                column: "person_code");

            migrationBuilder.CreateIndex(
                name: "ix_service_user_service_id_person_code_started_on",
                schema: "registers",
                table: "service_user",
                columns: new[] { "service_id", "person_code", "started_on" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "adverse_situation",
                schema: "catalogue");

            migrationBuilder.DropTable(
                name: "applicant",
                schema: "registers");

            migrationBuilder.DropTable(
                name: "service_user",
                schema: "registers");

            migrationBuilder.DropTable(
                name: "user_snapshot",
                schema: "registers");
        }
    }
}
