"""Receipts (رسید دریافت و پرداخت): money received and paid, and the payments of invoices."""
