"""Reports over the ledger: sums of approved document lines."""
