"""The three returns, so the page, the command line and the benchmark run them the same way."""

import importlib
from dataclasses import dataclass

from alongside.returns.base import Finding, Produced, Progress, no_progress


@dataclass(frozen=True)
class ReturnType:
    code: str
    title: str
    producer: str  # module under alongside.returns with produce(year, progress)
    rules: str  # module under alongside.returns with validate(produced, ...) and RULES
    format: str
    independent_validator: bool  # whether Social Finance's validator checks this return

    def produce(self, year: int, progress: Progress = no_progress) -> Produced:
        return importlib.import_module(f"alongside.returns.{self.producer}").produce(year, progress)

    def validate(self, produced: Produced) -> list[Finding]:
        rules = importlib.import_module(f"alongside.returns.{self.rules}")
        if self.code == "903":
            # The 903's continuity rules compare this year's first episodes with last year's return.
            producer = importlib.import_module(f"alongside.returns.{self.producer}")
            return rules.validate(produced, previous=producer.produce_previous(produced.year))
        return rules.validate(produced)

    def rule_docs(self):
        return importlib.import_module(f"alongside.returns.{self.rules}").RULES


RETURN_TYPES = {
    "cin": ReturnType("cin", "Children in need census", "cin_census", "cin_rules", "XML", True),
    "903": ReturnType("903", "SSDA903 (children looked after)", "ssda903", "ssda903_rules", "CSV tables", True),
    "annex-a": ReturnType("annex-a", "Ofsted Annex A", "annex_a", "annex_a.rules", "Excel workbook", False),
}
