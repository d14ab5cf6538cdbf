using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kissos.Data.Migrations
{
    /// <summary>
    /// Failed sign-ins of every e-mail, with or without an account, counted in one place (Accounts.SignInGuard), so that
    /// both do the same work and reach the same lockout. The e-mail is kept only as its SHA-256. SQL only, so the model
    /// snapshot is unchanged.
    /// </summary>
    [DbContext(typeof(KissosDb))]
    [Migration("20261130201500_SignInFailures")]
    public partial class SignInFailures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                CREATE TABLE accounts.sign_in_failure (
                    email_key bytea PRIMARY KEY,
                    failures integer NOT NULL,
                    locked_until timestamptz,
                    last_failure timestamptz NOT NULL);
                CREATE INDEX ix_sign_in_failure_last ON accounts.sign_in_failure (last_failure);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE accounts.sign_in_failure;");
        }
    }
}
