"""SQL of migration 0005: the stored product search document, its trigger and its index.

The document is the one of migration 0002 (names in `simple`, summary and description in
`indonesian`, weighted A/A/B/C), computed from the row being written."""

DOCUMENT = (
    "setweight(to_tsvector('simple'::regconfig, coalesce(NEW.name, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(NEW.name_en, '')), 'A') || "
    "setweight(to_tsvector('indonesian'::regconfig, coalesce(NEW.summary, '')), 'B') || "
    "setweight(to_tsvector('indonesian'::regconfig, coalesce(NEW.description, '')), 'C')"
)

FORWARDS = [
    f"""
    CREATE FUNCTION catalog_product_search_document() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_document := {DOCUMENT};
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER catalog_product_search_document
    BEFORE INSERT OR UPDATE OF name, name_en, summary, description, search_document
    ON catalog_product FOR EACH ROW EXECUTE FUNCTION catalog_product_search_document()
    """,
    # Fills the column of existing rows: the trigger runs for this update too.
    "UPDATE catalog_product SET search_document = NULL",
    "CREATE INDEX catalog_product_search_document_stored ON catalog_product "
    "USING gin (search_document)",
    "DROP INDEX IF EXISTS catalog_product_search_document",
]

BACKWARDS = [
    "DROP TRIGGER IF EXISTS catalog_product_search_document ON catalog_product",
    "DROP FUNCTION IF EXISTS catalog_product_search_document()",
    "DROP INDEX IF EXISTS catalog_product_search_document_stored",
    "CREATE INDEX IF NOT EXISTS catalog_product_search_document ON catalog_product USING gin (("
    + DOCUMENT.replace("NEW.", "")
    + "))",
]
