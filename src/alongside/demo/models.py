from django.conf import settings
from django.db import models


class DemoRole(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    QUALITY_LEAD = "quality_lead", "Quality lead (principal social worker)"
    PARENT = "parent", "Parent"
    YOUNG_PERSON = "young_person", "Young person"
    SCHOOL_DSL = "school_dsl", "School designated safeguarding lead"
    DATA_OFFICER = "data_officer", "Performance and data officer"
    DATA_PROTECTION_OFFICER = "data_protection_officer", "Data protection officer"


class DemoLogin(models.Model):
    """The sign-ins the demo prints: one user of each kind, chosen so their home pages are full."""

    role = models.CharField(max_length=30, choices=DemoRole.choices, unique=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return f"{self.get_role_display()}: {self.user}"
