using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kissos.Data.Migrations
{
    /// <summary>
    /// Full-text search of the catalogue: the unaccent extension, a text-search configuration that folds case and
    /// diacritics ("prerov" finds "Přerov"), and GIN indexes over exactly the expressions Catalogue.TextSearch
    /// queries (TextSearchTests checks that the plan uses them). SQL only, so the model snapshot is unchanged.
    /// </summary>
    [DbContext(typeof(KissosDb))]
    [Migration("20261130170000_CatalogueSearch")]
    public partial class CatalogueSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                CREATE EXTENSION IF NOT EXISTS unaccent;
                CREATE TEXT SEARCH CONFIGURATION catalogue.kissos (COPY = simple);
                ALTER TEXT SEARCH CONFIGURATION catalogue.kissos
                    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple;
                CREATE INDEX ix_service_search ON catalogue.service USING gin (to_tsvector('catalogue.kissos'::regconfig,
                    name || ' ' || coalesce(identifier, '') || ' ' || coalesce(description, '')));
                CREATE INDEX ix_provider_search ON catalogue.provider USING gin (to_tsvector('catalogue.kissos'::regconfig,
                    name || ' ' || ico));
                CREATE INDEX ix_service_place_search ON catalogue.service_place USING gin (to_tsvector('catalogue.kissos'::regconfig,
                    facility_name));
                CREATE INDEX ix_obec_search ON territory.obec USING gin (to_tsvector('catalogue.kissos'::regconfig, name));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                DROP INDEX catalogue.ix_service_search;
                DROP INDEX catalogue.ix_provider_search;
                DROP INDEX catalogue.ix_service_place_search;
                DROP INDEX territory.ix_obec_search;
                DROP TEXT SEARCH CONFIGURATION catalogue.kissos;
                """);
        }
    }
}
