"""Reads shaped for the API, one module per mode (rounds.py, booking.py, ...)."""
