import re
from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured

from alongside.practice_model.config import DEFAULT_PATH, load_operating_model
from alongside.practice_model.models import OperatingModelVersion
from alongside.practice_model.selectors import operating_model_version_on
from alongside.practice_model.services import operating_model_version_record


def model_file(tmp_path, version: int, effective: str, vision: str = ""):
    text = DEFAULT_PATH.read_text()
    text = re.sub(r"^version: \d+$", f"version: {version}", text, count=1, flags=re.M).replace(
        "effective_from: 2026-11-23", f"effective_from: {effective}", 1
    )
    if vision:
        text = text.replace("vision: >-\n", f"vision: {vision}\n  ", 1)
    path = tmp_path / f"v{version}-{len(vision)}.yaml"
    path.write_text(text)
    return load_operating_model(path)


@pytest.mark.django_db
def test_each_version_is_kept_and_a_date_finds_the_one_in_force(tmp_path):
    OperatingModelVersion.objects.all().delete()
    first = operating_model_version_record(model_file(tmp_path, 3, "2026-01-05"))
    second = operating_model_version_record(model_file(tmp_path, 4, "2026-09-01"))
    assert operating_model_version_record(model_file(tmp_path, 4, "2026-09-01")) == second  # once only
    assert operating_model_version_on(date(2026, 3, 1)) == first
    assert operating_model_version_on(date(2026, 10, 1)) == second
    assert operating_model_version_on(date(2025, 12, 1)) is None
    assert "version: 3" in first.content


@pytest.mark.django_db
def test_changing_a_version_without_a_new_number_is_refused(tmp_path):
    OperatingModelVersion.objects.all().delete()
    operating_model_version_record(model_file(tmp_path, 5, "2026-01-05"))
    with pytest.raises(ImproperlyConfigured, match="Give the changed file a new version number"):
        operating_model_version_record(model_file(tmp_path, 5, "2026-01-05", vision="Something else"))
    assert OperatingModelVersion.objects.get().version == 5


def test_everyone_signed_in_reads_how_we_work(world, sign_in):
    for user in (world.worker.user, world.parent.user, world.partner.user):
        page = sign_in(user).get("/how-we-work/").content.decode()
        assert "How we work" in page and "Complete the child and family assessment" in page
        assert "45 working days" in page
