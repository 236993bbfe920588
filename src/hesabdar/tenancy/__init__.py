"""Businesses (tenants), their users, and how an API request proves who it is."""
