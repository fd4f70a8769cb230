"""Compliments and complaints, with the children's statutory complaints procedure stages."""
