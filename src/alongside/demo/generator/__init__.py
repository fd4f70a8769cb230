"""The synthetic local authority generator, split by topic: families and people, staffing and
allocation, journeys through children's services, and care. `core.Generator` runs them all."""

from alongside.demo.generator.core import Generator
from alongside.demo.generator.state import LA_DFE_CODE, LA_NAME

__all__ = ["Generator", "LA_DFE_CODE", "LA_NAME"]
