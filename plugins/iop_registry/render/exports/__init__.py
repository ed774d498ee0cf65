"""Open data: the registry as JSON and CSV, its JSON Schemas, and the page that lists them.

Every file is written from the same typed records and derived values as the pages, so a
sum in a CSV file, in the JSON and on a page can't disagree. The package, one job a module:

  publication.py     data folder, page, licence, format version, record addresses
  encode.py          values as JSON and as CSV cells; formula-like text made safe
  derived.py         what the build computes per record, each value documented once
  json_files.py      the JSON files and the JSON Schemas
  whole_registry.py  the schema of registret.json
  public_bodies.py   the municipality or region of every record
  csv_columns.py     a CSV column as data (title, one type, cells), and the CSV encoding
  csv_tables.py      the CSV tables: their rows and columns
  datapackage.py     datapackage.json: the CSV tables as a Frictionless Data Package
  downloads.py       the data files as site assets, each described for the page
  open_data_page.py  the Öppna data page, made last: every download with its size

Field descriptions come from `render/field_catalogue.py`, which the editors' guide reads too.
"""

from .derived import DERIVED_DOCS
from .downloads import outputs
from .encode import spreadsheet_safe
from .open_data_page import pages, search_text
from .publication import SCHEMA_VERSION

__all__ = ["DERIVED_DOCS", "SCHEMA_VERSION", "outputs", "pages", "search_text", "spreadsheet_safe"]
