"""One writer per agency export, plus the shared record sink and field formats."""
