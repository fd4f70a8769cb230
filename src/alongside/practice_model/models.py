from django.db import models


class LocalAuthority(models.Model):
    """The council this database serves. One row: a deployment holds one LA's record.

    `is_demo` marks a database filled by the synthetic generator; demo sign-ins work only there."""

    name = models.CharField(max_length=200)
    dfe_code = models.CharField("DfE LA number", max_length=3)
    child_population = models.PositiveIntegerField(help_text="Children aged 0-17 (ONS estimate)")
    practice_model_name = models.CharField(max_length=200, blank=True)
    practice_model_go_live = models.DateField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)
    demo_seed = models.IntegerField(null=True, blank=True)
    demo_size = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "local authorities"
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="one_local_authority")]

    def __str__(self):
        return self.name


class OperatingModelVersion(models.Model):
    """Each version of the operating model the service has run, kept whole with its date, so that a
    figure can say which version was in force. A version number never changes its content."""

    version = models.PositiveIntegerField(unique=True)
    effective_from = models.DateField()
    changed_because = models.TextField(blank=True)
    content = models.TextField("the YAML file as it was")
    sha256 = models.CharField(max_length=64)
    first_used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]

    def __str__(self):
        return f"Operating model version {self.version} from {self.effective_from}"
