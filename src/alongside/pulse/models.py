"""The staff pulse survey: short, repeated, anonymous, with small-number suppression."""
