import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth.hashers import Argon2PasswordHasher
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from alongside.access.models import AuditEntry, AuditEvent
from alongside.access.two_factor import CODE_WAIT, CODE_WRONG
from alongside.testing.factories import TEST_PASSWORD


def test_production_hashes_passwords_with_argon2():
    import alongside.settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    encoded = Argon2PasswordHasher().encode("a long pass phrase", Argon2PasswordHasher().salt())
    assert encoded.startswith("argon2$argon2id$")


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, world):
    for _ in range(5):
        client.post("/sign-in/", {"username": "worker", "password": "wrong"})
    response = client.post("/sign-in/", {"username": "worker", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "You cannot sign in for 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(event=AuditEvent.SIGN_IN_FAILED, actor_name="worker").count() >= 5


def test_pages_carry_a_content_security_policy_with_a_nonce(client, world, sign_in):
    response = sign_in(world.worker.user).get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "'unsafe-inline'" not in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in response.content.decode()


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    ignored = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update(
        SECRET_KEY="k" * 20 + "Q9x!r7Lm2@Vb#8Zt4$Wp6^Yh3&Nc5*Jd",
        ALLOWED_HOSTS="alongside.kestrelvale.example",
        DATABASE_URL="postgres://alongside@db.internal:5432/alongside",
        DEBUG="false",
        ALONGSIDE_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="alongside.settings",
    )
    alongside = str(Path(sys.executable).with_name("alongside"))
    result = subprocess.run(
        [alongside, "check", "--deploy", "--fail-level", "WARNING"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _unthrottle(device):
    device.refresh_from_db()
    device.throttle_reset()


def _next_time_window(device):
    """A code is accepted once (replay protection); pretend the 30-second window has moved on."""
    device.refresh_from_db()
    device.last_t = -1
    device.save(update_fields=["last_t"])


def _code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_staff_set_up_two_factor_and_then_need_the_code_to_sign_in(world, sign_in, client):
    sign_in(world.worker.user)
    assert "Set up two-factor sign-in" in client.get("/account/two-factor/").content.decode()
    device = TOTPDevice.objects.get(user=world.worker.user, confirmed=False)
    response = client.post("/account/two-factor/", {"code": "000000" if _code(device) != "000000" else "111111"})
    assert CODE_WRONG in response.content.decode()
    # django-otp slows retries after a wrong code; straight away, even the right code waits.
    assert CODE_WAIT in client.post("/account/two-factor/", {"code": _code(device)}).content.decode()
    _unthrottle(device)
    assert client.post("/account/two-factor/", {"code": _code(device)})["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(event=AuditEvent.TWO_FACTOR_ENABLED, actor=world.worker.user).exists()

    sign_in(world.worker.user)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/account/two-factor/code/")
    assert client.get("/people/search/").status_code == 302  # nothing opens before the code
    wrong = client.post("/account/two-factor/code/", {"code": "12345x", "next": "/"})
    assert CODE_WRONG in wrong.content.decode()
    _next_time_window(device)
    assert client.post("/account/two-factor/code/", {"code": _code(device), "next": "/"})["Location"] == "/"
    assert client.get("/").status_code == 200


def test_when_the_la_requires_two_factor_staff_must_set_it_up(world, sign_in, client, settings):
    settings.ALONGSIDE_REQUIRE_TWO_FACTOR = True
    sign_in(world.worker.user)
    assert client.get("/")["Location"] == "/account/two-factor/"
    # Families are not staff: the rule is for staff only.
    sign_in(world.parent.user)
    assert client.get("/").status_code == 200
