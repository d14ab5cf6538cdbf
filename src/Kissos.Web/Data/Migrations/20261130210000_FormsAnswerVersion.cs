using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kissos.Data.Migrations
{
    /// <summary>
    /// A version of the forms data that staff overviews are kept under (Common.MapAnswerCache.FormsVersionSql): any
    /// write to forms, the network, the terms or the templates bumps it once per transaction, at commit. A deferred
    /// trigger takes the version's row lock after every row lock of the writing transaction, so two transactions
    /// writing the same forms in another order cannot deadlock on it; raw SQL writes bump it as EF's do. SQL only, so
    /// the model snapshot is unchanged.
    /// </summary>
    [DbContext(typeof(KissosDb))]
    [Migration("20261130210000_FormsAnswerVersion")]
    public partial class FormsAnswerVersion : Migration
    {
        private static readonly string[] Tables = ["form", "network_entry", "term", "template_version"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                CREATE TABLE forms.answer_version (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
                INSERT INTO forms.answer_version VALUES (1, 1);
                CREATE FUNCTION forms.bump_answer_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    -- once per transaction: the rows after the first find the mark set for this transaction
                    IF current_setting('kissos.forms_bumped', true) IS DISTINCT FROM txid_current()::text THEN
                        UPDATE forms.answer_version SET version = version + 1;
                        PERFORM set_config('kissos.forms_bumped', txid_current()::text, true);
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            foreach (var table in Tables)
                migrationBuilder.Sql($"""
                    CREATE CONSTRAINT TRIGGER bump_answer_version AFTER INSERT OR UPDATE OR DELETE ON forms.{table}
                        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION forms.bump_answer_version();
                    """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables) migrationBuilder.Sql($"DROP TRIGGER bump_answer_version ON forms.{table};");
            migrationBuilder.Sql("DROP FUNCTION forms.bump_answer_version(); DROP TABLE forms.answer_version;");
        }
    }
}
