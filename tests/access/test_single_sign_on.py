"""Single sign-on against a fake OpenID Connect provider on a local port: real HTTP between the app
and the provider, an RS256 ID token checked against the provider's published key set."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from alongside.access.models import AuditEntry, AuditEvent

CLIENT_ID = "alongside"


class FakeProvider:
    """Issues a code for a chosen email (as its sign-in page would), then answers the token, user
    info and key set endpoints the way an OIDC provider does."""

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.codes: dict[str, tuple[str, str]] = {}
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, body, status=200):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                code = form.get("code", [""])[0]
                if self.path != "/token" or code not in provider.codes:
                    return self._json({"error": "invalid_grant"}, 400)
                email, nonce = provider.codes.pop(code)
                now = int(time.time())
                claims = {
                    "iss": provider.base,
                    "aud": CLIENT_ID,
                    "sub": email,
                    "email": email,
                    "nonce": nonce,
                    "iat": now,
                    "exp": now + 300,
                }
                token = jwt.encode(claims, provider.key, algorithm="RS256", headers={"kid": "k1"})
                self._json({"id_token": token, "access_token": f"at-{email}", "token_type": "Bearer"})

            def do_GET(self):
                if self.path == "/jwks":
                    jwk = json.loads(RSAAlgorithm.to_jwk(provider.key.public_key()))
                    return self._json({"keys": [{**jwk, "kid": "k1", "alg": "RS256", "use": "sig"}]})
                if self.path == "/userinfo":
                    email = self.headers["Authorization"].removeprefix("Bearer at-")
                    return self._json({"sub": email, "email": email})
                return self._json({"error": "not found"}, 404)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def sign_in_as(self, email: str, nonce: str) -> str:
        code = f"code-{len(self.codes)}-{email}"
        self.codes[code] = (email, nonce)
        return code

    def close(self):
        self.server.shutdown()


@pytest.fixture
def provider(settings):
    fake = FakeProvider()
    settings.ALONGSIDE_OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "client-secret"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{fake.base}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{fake.base}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{fake.base}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{fake.base}/jwks"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "alongside.access.oidc.StaffOIDCBackend"]
    yield fake
    fake.close()


def sign_in_with_provider(client, provider, email):
    start = client.get("/sign-in/council/")
    assert start.status_code == 302 and start["Location"].startswith(f"{provider.base}/authorize?")
    query = parse_qs(urlparse(start["Location"]).query)
    assert query["client_id"] == [CLIENT_ID] and query["redirect_uri"][0].endswith("/sign-in/council/callback/")
    code = provider.sign_in_as(email, query["nonce"][0])
    return client.get("/sign-in/council/callback/", {"code": code, "state": query["state"][0]})


def test_staff_sign_in_with_their_council_account(client, world, provider):
    world.worker.user.email = "Rory.Williams@kestrelvale.example"
    world.worker.user.save()
    response = sign_in_with_provider(client, provider, "rory.williams@kestrelvale.example")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").context["user"] == world.worker.user
    entry = AuditEntry.objects.get(event=AuditEvent.SIGNED_IN)
    assert entry.actor == world.worker.user and entry.detail == {"method": "single sign-on"}


@pytest.mark.parametrize("persona", ["parent", "leaver"])
def test_a_council_account_without_current_staff_record_gets_nowhere(client, world, provider, persona):
    user = getattr(world, persona).user
    user.email = f"{persona}@kestrelvale.example"
    user.save()
    response = sign_in_with_provider(client, provider, f"{persona}@kestrelvale.example")
    assert response["Location"] == "/sign-in/?sso=failed"
    assert "_auth_user_id" not in client.session
    page = client.get("/sign-in/?sso=failed").content.decode()
    assert "We could not sign you in with your council account" in page


def test_an_unknown_email_does_not_create_an_account(client, world, provider):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.count()
    sign_in_with_provider(client, provider, "stranger@elsewhere.example")
    assert get_user_model().objects.count() == users
    assert "_auth_user_id" not in client.session


def test_the_sign_in_page_offers_single_sign_on_when_configured(client, db, provider):
    assert "Sign in with your council account" in client.get("/sign-in/").content.decode()
