"""Alongside: relationship- and strength-based practice for children's social care."""
