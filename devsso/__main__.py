"""python -m devsso --port 9100 --redirect http://127.0.0.1:8000 [--data-dir .data/devsso]

Prepares the provider (its key, its database, its people, the app registered as a client with
the redirect and sign-out addresses of each --redirect origin) and serves it on 127.0.0.1."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

from devsso.users import CLIENT_ID, CLIENT_SECRET


def _prepare(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    if not (data_dir / "secret").exists():
        (data_dir / "secret").write_text(secrets.token_urlsafe(40))
    if not (data_dir / "key.pem").exists():
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        (data_dir / "key.pem").write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )


def _seed(origins: list[str]) -> None:
    from django.contrib.auth.models import User
    from oauth2_provider.models import Application

    from devsso.users import PASSWORD, USERS

    for email in USERS:
        user, _created = User.objects.get_or_create(username=email, defaults={"email": email})
        user.set_password(PASSWORD)
        user.save()
    Application.objects.update_or_create(
        client_id=CLIENT_ID,
        defaults={
            "name": "Apprenticeship program",
            "client_secret": CLIENT_SECRET,
            "client_type": Application.CLIENT_CONFIDENTIAL,
            "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
            "algorithm": Application.RS256_ALGORITHM,
            "skip_authorization": True,
            "redirect_uris": " ".join(f"{o.rstrip('/')}/sso/callback/" for o in origins),
            "post_logout_redirect_uris": " ".join(
                f"{o.rstrip('/')}/accounts/login/" for o in origins
            ),
        },
    )


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m devsso")
    parser.add_argument("--port", type=int, default=9100)
    parser.add_argument("--redirect", action="append", required=True, help="the app's origin")
    parser.add_argument("--data-dir", default=".data/devsso")
    args = parser.parse_args()
    data_dir = Path(args.data_dir).resolve()
    _prepare(data_dir)
    os.environ["DEVSSO_DATA_DIR"] = str(data_dir)
    os.environ["DEVSSO_ISSUER"] = f"http://127.0.0.1:{args.port}/o"
    os.environ["DJANGO_SETTINGS_MODULE"] = "devsso.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    _seed(args.redirect)
    call_command("runserver", f"127.0.0.1:{args.port}", use_reloader=False, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
