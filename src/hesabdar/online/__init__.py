"""Online invoices: public pages of an invoice or a contact's statement, reached by a link with
an unguessable token, and payment of an invoice through a pluggable online gateway."""
