using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kissos.Data.Migrations
{
    /// <inheritdoc />
    public partial class ServiceContactObec : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "contact_obec_code",
                schema: "catalogue",
                table: "service",
                type: "character varying(6)",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_contact_obec_code",
                schema: "catalogue",
                table: "service",
                column: "contact_obec_code");

            migrationBuilder.AddForeignKey(
                name: "fk_service_obec_contact_obec_code",
                schema: "catalogue",
                table: "service",
                column: "contact_obec_code",
                principalSchema: "territory",
                principalTable: "obec",
                principalColumn: "code",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_service_obec_contact_obec_code",
                schema: "catalogue",
                table: "service");

            migrationBuilder.DropIndex(
                name: "ix_service_contact_obec_code",
                schema: "catalogue",
                table: "service");

            migrationBuilder.DropColumn(
                name: "contact_obec_code",
                schema: "catalogue",
                table: "service");
        }
    }
}
