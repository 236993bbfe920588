"""Warehouse receipts and issues: an invoice's goods received into or issued from a warehouse,
and transfers between warehouses."""
