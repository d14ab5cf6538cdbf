using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kissos.Data.Migrations
{
    /// <inheritdoc />
    public partial class HomeAndNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "home");

            migrationBuilder.CreateTable(
                name: "announcement",
                schema: "home",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kraj_nuts3 = table.Column<string>(type: "character varying(5)", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    audience = table.Column<string>(type: "text", nullable: false),
                    druh_code = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_announcement", x => x.id);
                    table.CheckConstraint("ck_announcement_audience", "audience IN ('vsichni', 'kraj', 'druh')");
                    table.CheckConstraint("ck_announcement_dates", "valid_to IS NULL OR valid_to >= valid_from");
                    table.CheckConstraint("ck_announcement_druh", "(audience = 'druh') = (druh_code IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_announcement_druh_druh_code",
                        column: x => x.druh_code,
                        principalSchema: "catalogue",
                        principalTable: "druh",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_announcement_kraj_kraj_nuts3",
                        column: x => x.kraj_nuts3,
                        principalSchema: "territory",
                        principalTable: "kraj",
                        principalColumn: "nuts3",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contact",
                schema: "home",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kraj_nuts3 = table.Column<string>(type: "character varying(5)", nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    agenda = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "text", nullable: true),
                    phone = table.Column<string>(type: "text", nullable: true),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact", x => x.id);
                    table.ForeignKey(
                        name: "fk_contact_kraj_kraj_nuts3",
                        column: x => x.kraj_nuts3,
                        principalSchema: "territory",
                        principalTable: "kraj",
                        principalColumn: "nuts3",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "document",
                schema: "home",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kraj_nuts3 = table.Column<string>(type: "character varying(5)", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    module = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_document", x => x.id);
                    table.CheckConstraint("ck_document_kind", "kind IN ('metodika', 'navod', 'jine')");
                    table.ForeignKey(
                        name: "fk_document_kraj_kraj_nuts3",
                        column: x => x.kraj_nuts3,
                        principalSchema: "territory",
                        principalTable: "kraj",
                        principalColumn: "nuts3",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "faq",
                schema: "home",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kraj_nuts3 = table.Column<string>(type: "character varying(5)", nullable: false),
                    question = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    answer = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_faq", x => x.id);
                    table.ForeignKey(
                        name: "fk_faq_kraj_kraj_nuts3",
                        column: x => x.kraj_nuts3,
                        principalSchema: "territory",
                        principalTable: "kraj",
                        principalColumn: "nuts3",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notice",
                schema: "home",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    dedupe_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    email = table.Column<string>(type: "text", nullable: true),
                    ico = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    mail_pending = table.Column<bool>(type: "boolean", nullable: false),
                    mailed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    mail_attempts = table.Column<int>(type: "integer", nullable: false),
                    next_mail_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    mail_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notice", x => x.id);
                    table.ForeignKey(
                        name: "fk_notice_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "accounts",
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "document_version",
                schema: "home",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(240)", maxLength: 240, nullable: false),
                    content_type = table.Column<string>(type: "text", nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uploaded_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_document_version", x => x.id);
                    table.ForeignKey(
                        name: "fk_document_version_document_document_id",
                        column: x => x.document_id,
                        principalSchema: "home",
                        principalTable: "document",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_announcement_druh_code",
                schema: "home",
                table: "announcement",
                column: "druh_code");

            migrationBuilder.CreateIndex(
                name: "ix_announcement_kraj_nuts3_valid_from",
                schema: "home",
                table: "announcement",
                columns: new[] { "kraj_nuts3", "valid_from" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_kraj_nuts3",
                schema: "home",
                table: "contact",
                column: "kraj_nuts3");

            migrationBuilder.CreateIndex(
                name: "ix_document_kraj_nuts3_year",
                schema: "home",
                table: "document",
                columns: new[] { "kraj_nuts3", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_document_version_document_id_number",
                schema: "home",
                table: "document_version",
                columns: new[] { "document_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_faq_kraj_nuts3",
                schema: "home",
                table: "faq",
                column: "kraj_nuts3");

            migrationBuilder.CreateIndex(
                name: "ix_notice_dedupe_key_user_id",
                schema: "home",
                table: "notice",
                columns: new[] { "dedupe_key", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notice_next_mail_attempt_at",
                schema: "home",
                table: "notice",
                column: "next_mail_attempt_at",
                filter: "mail_pending");

            migrationBuilder.CreateIndex(
                name: "ix_notice_user_id_created_at",
                schema: "home",
                table: "notice",
                columns: new[] { "user_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "announcement",
                schema: "home");

            migrationBuilder.DropTable(
                name: "contact",
                schema: "home");

            migrationBuilder.DropTable(
                name: "document_version",
                schema: "home");

            migrationBuilder.DropTable(
                name: "faq",
                schema: "home");

            migrationBuilder.DropTable(
                name: "notice",
                schema: "home");

            migrationBuilder.DropTable(
                name: "document",
                schema: "home");
        }
    }
}
