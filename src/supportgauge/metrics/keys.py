"""How metric code names a ticket: its key in the store, and its number within one query."""

TICKET_KEY = ("vendor", "ticket_id")
# Tickets are numbered once per query so windows and groups key on one integer.
TICKET_NUMBER = "ticket_number"
