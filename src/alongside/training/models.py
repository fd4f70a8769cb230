"""Training in the practice model: courses from the operating model, who completed them and when,
coverage and refreshers."""
