"""The double-entry ledger: fiscal years, the chart of accounts, documents and their postings."""
