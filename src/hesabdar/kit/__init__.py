"""Framework glue shared by every domain: exact decimals, base models, errors, queryInfo, numbering."""
