"""Case file audits: rounds, audits against the model's practice standards, the family's view, the
worker's reflection, moderation, actions and themes."""
