"""SQL of migration 0007: triggers that keep `catalog_product.listed` (published, and its business
active) and `catalog_product.region_id` (its business's region) in step with the product and its
business, on PostgreSQL and on SQLite alike, whoever writes: the ORM, a queryset update, a raw
COPY of the catalogue generator or a restore."""

POSTGRESQL_FORWARDS = [
    """
    CREATE FUNCTION catalog_product_listing() RETURNS trigger AS $$
    BEGIN
        SELECT b.region_id, (NEW.status = 'published' AND b.is_active)
          INTO NEW.region_id, NEW.listed
          FROM catalog_business b WHERE b.id = NEW.business_id;
        NEW.listed := COALESCE(NEW.listed, false);
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER catalog_product_listing BEFORE INSERT OR UPDATE ON catalog_product
    FOR EACH ROW EXECUTE FUNCTION catalog_product_listing()
    """,
    """
    CREATE FUNCTION catalog_business_listing() RETURNS trigger AS $$
    BEGIN
        IF NEW.is_active IS DISTINCT FROM OLD.is_active
           OR NEW.region_id IS DISTINCT FROM OLD.region_id THEN
            UPDATE catalog_product SET region_id = NEW.region_id WHERE business_id = NEW.id;
        END IF;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER catalog_business_listing AFTER UPDATE ON catalog_business
    FOR EACH ROW EXECUTE FUNCTION catalog_business_listing()
    """,
]
POSTGRESQL_BACKWARDS = [
    "DROP TRIGGER IF EXISTS catalog_business_listing ON catalog_business",
    "DROP FUNCTION IF EXISTS catalog_business_listing()",
    "DROP TRIGGER IF EXISTS catalog_product_listing ON catalog_product",
    "DROP FUNCTION IF EXISTS catalog_product_listing()",
]

_SQLITE_PRODUCT_ROW = """
    UPDATE catalog_product SET
        region_id = (SELECT b.region_id FROM catalog_business b WHERE b.id = NEW.business_id),
        listed = (NEW.status = 'published' AND COALESCE(
            (SELECT b.is_active FROM catalog_business b WHERE b.id = NEW.business_id), 0))
    WHERE id = NEW.id;
"""
SQLITE_FORWARDS = [
    f"""
    CREATE TRIGGER catalog_product_listing_insert AFTER INSERT ON catalog_product
    BEGIN {_SQLITE_PRODUCT_ROW} END
    """,
    # Every UPDATE that names one of these columns (the ORM's save names them all) sets both
    # again; its own UPDATE does not fire it again (SQLite's recursive_triggers is off).
    f"""
    CREATE TRIGGER catalog_product_listing_update
    AFTER UPDATE OF status, business_id, listed, region_id ON catalog_product
    BEGIN {_SQLITE_PRODUCT_ROW} END
    """,
    """
    CREATE TRIGGER catalog_business_listing AFTER UPDATE OF is_active, region_id ON catalog_business
    BEGIN
        UPDATE catalog_product SET
            region_id = NEW.region_id,
            listed = (status = 'published' AND NEW.is_active)
        WHERE business_id = NEW.id;
    END
    """,
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS catalog_business_listing",
    "DROP TRIGGER IF EXISTS catalog_product_listing_update",
    "DROP TRIGGER IF EXISTS catalog_product_listing_insert",
]

#: Existing rows, once (both databases).
FILL = """
    UPDATE catalog_product SET
        region_id = (
            SELECT b.region_id FROM catalog_business b WHERE b.id = catalog_product.business_id),
        listed = (status = 'published' AND (
            SELECT b.is_active FROM catalog_business b WHERE b.id = catalog_product.business_id))
"""
