"""HTML pages of the scheduling app, one module per mode (respond.py, booking.py, ...)."""
