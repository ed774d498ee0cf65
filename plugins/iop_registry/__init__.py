"""IOP-registret: load, validate, derive and render a registry of idéburna offentliga partnerskap."""
