using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kissos.Data.Migrations
{
    /// <inheritdoc />
    public partial class FormSignatures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "signature",
                schema: "forms",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    form_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    canonical = table.Column<string>(type: "text", nullable: false),
                    sha256 = table.Column<string>(type: "text", nullable: false),
                    signed_by = table.Column<string>(type: "text", nullable: false),
                    signed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cms = table.Column<byte[]>(type: "bytea", nullable: true),
                    certificate_subject = table.Column<string>(type: "text", nullable: true),
                    certificate_issuer = table.Column<string>(type: "text", nullable: true),
                    certificate_serial = table.Column<string>(type: "text", nullable: true),
                    certificate_not_before = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    certificate_not_after = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signature", x => x.id);
                    table.CheckConstraint("ck_signature_sha256", "sha256 ~ '^[0-9a-f]{64}$'");
                    table.ForeignKey(
                        name: "fk_signature_form_form_id",
                        column: x => x.form_id,
                        principalSchema: "forms",
                        principalTable: "form",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_signature_form_id_number",
                schema: "forms",
                table: "signature",
                columns: new[] { "form_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "signature",
                schema: "forms");
        }
    }
}
