"""A return produced: its files and what the validation found, kept so a data officer can come back
to them, download the same bytes again, and see which findings a later run cleared."""

from django.db import models

from alongside.people.models import Person
from alongside.workforce.models import StaffMember


class ReturnKind(models.TextChoices):
    CIN = "cin", "Children in need census"
    SSDA903 = "903", "SSDA903 (children looked after)"
    ANNEX_A = "annex-a", "Ofsted Annex A"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being produced"
    DONE = "done", "Ready"
    FAILED = "failed", "Could not be produced"


class ReturnRun(models.Model):
    kind = models.CharField(max_length=10, choices=ReturnKind.choices)
    year = models.PositiveSmallIntegerField(help_text="The collection year: the year of the 31 March it ends on")
    requested_by = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.PROTECT)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    step = models.CharField(max_length=200, blank=True)
    progress = models.FloatField(default=0)
    problem = models.TextField(blank=True, help_text="Why the run failed, in plain words")
    children = models.PositiveIntegerField(default=0)
    produce_seconds = models.FloatField(null=True, blank=True)
    validate_seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__gte=0, progress__lte=1), name="return_progress_0_to_1")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year - 1}-{self.year % 100:02d} (run {self.id})"

    @property
    def finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)


class ReturnFile(models.Model):
    """The exact bytes produced, so a download later is the file that was validated."""

    run = models.ForeignKey(ReturnRun, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=100)
    content = models.BinaryField()
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["run", "name"], name="return_file_name_unique")]

    def __str__(self):
        return self.name


class ReturnFinding(models.Model):
    run = models.ForeignKey(ReturnRun, on_delete=models.CASCADE, related_name="findings")
    rule = models.CharField(max_length=20)
    message = models.TextField()
    la_child_id = models.CharField(max_length=20, blank=True)
    # Resolved when the run is saved, so the page links to the record without a lookup per row.
    child = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    where = models.CharField(max_length=200, blank=True)
    # The card on the child's Details for statutory returns page where it can be put right (fix_links).
    anchor = models.CharField(max_length=40, blank=True)
    table = models.CharField(max_length=60, blank=True)
    is_query = models.BooleanField(default=False)

    class Meta:
        ordering = ["is_query", "rule", "la_child_id", "id"]
        indexes = [models.Index(fields=["run", "rule"], name="return_finding_rule_idx")]

    def __str__(self):
        return f"{self.rule} {self.la_child_id}"
