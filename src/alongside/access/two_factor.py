"""Two-factor sign-in for staff with a time-based code (django-otp's TOTP): optional for each member
of staff, or required for all with ALONGSIDE_REQUIRE_TWO_FACTOR. django-otp throttles wrong codes."""

import base64

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from alongside.access.declare import Rule, access_rule
from alongside.access.models import AuditEvent
from alongside.access.roles import UserKind, user_kind
from alongside.access.services import audit_record

CODE_WRONG = "Enter the 6-digit code shown in your authenticator app"
CODE_WAIT = "Wait a few seconds, then enter the new code your authenticator app shows"
# Pages a signed-in member of staff can reach before entering their code.
OPEN_PREFIXES = ("/sign-out/", "/static/", "/healthz", "/readyz", "/account/two-factor/")


class CodeForm(forms.Form):
    code = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        label="Code from your authenticator app",
        max_length=12,
        error_messages={"required": CODE_WRONG, "invalid": CODE_WRONG},
    )


def _confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


class TwoFactorMiddleware:
    """Staff with a code set up must enter it before anything else; if the LA requires two-factor,
    staff without one must set it up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and user_kind(user) == UserKind.STAFF
            and not user.is_verified()
        ):
            if _confirmed_device(user) is not None:
                return redirect(f"{reverse('two_factor_verify')}?next={request.get_full_path()}")
            if settings.ALONGSIDE_REQUIRE_TWO_FACTOR:
                return redirect("two_factor_setup")
        return self.get_response(request)


def _staff_or_404(user):
    if user_kind(user) != UserKind.STAFF:
        raise Http404


def _qr_svg(uri: str) -> str:
    svg = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).to_string(encoding="unicode")
    svg = svg[svg.index("<svg") :]
    return svg.replace("<svg", '<svg role="img" aria-label="QR code for your authenticator app"', 1)


@access_rule(Rule.STAFF)
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    _staff_or_404(request.user)
    if _confirmed_device(request.user) is not None and request.user.is_verified():
        return render(request, "access/two_factor_done.html")
    device, _ = TOTPDevice.objects.get_or_create(user=request.user, confirmed=False, defaults={"name": "Authenticator"})
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("code", CODE_WAIT)
        elif device.verify_token(form.cleaned_data["code"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit_record(actor=request.user, event=AuditEvent.TWO_FACTOR_ENABLED, request=request)
            return redirect("home")
        else:
            form.add_error("code", CODE_WRONG)
    # The key typed into an app by hand, in the base32 form authenticator apps expect.
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "access/two_factor_setup.html",
        {
            "form": form,
            "qr": mark_safe(_qr_svg(device.config_url)),
            "secret": secret,
        },
    )


@access_rule(Rule.STAFF)
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    _staff_or_404(request.user)
    device = _confirmed_device(request.user)
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if device is None or request.user.is_verified():
        return redirect(next_url)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("code", CODE_WAIT)
        elif device.verify_token(form.cleaned_data["code"].strip()):
            otp_login(request, device)
            return redirect(next_url)
        else:
            audit_record(
                actor=request.user, event=AuditEvent.SIGN_IN_FAILED, request=request, detail={"step": "two-factor code"}
            )
            form.add_error("code", CODE_WRONG)
    return render(request, "access/two_factor_verify.html", {"form": form, "next": next_url})
