"""Opening stock: the quantities a business starts its fiscal year with, and their capital."""
