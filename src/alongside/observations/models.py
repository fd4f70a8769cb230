"""Practice observations: a manager observes a visit or meeting, with the family's consent, gives
feedback against the model, and the worker responds."""
