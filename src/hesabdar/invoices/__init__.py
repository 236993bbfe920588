"""Invoices (فاکتور): sale, purchase, sales return, purchase return and waste."""
