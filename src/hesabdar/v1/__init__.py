"""The Hesabfa API v1 facade: ``POST /v1/{group}/{method}`` with a flat JSON body.

This package only translates (names, case, strings-for-numbers, dates, the envelope). Every
rule lives in the domain services it calls.
"""
