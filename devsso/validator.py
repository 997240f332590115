from oauth2_provider.oauth2_validators import OAuth2Validator

from devsso import control
from devsso.users import USERS


class Validator(OAuth2Validator):
    oidc_claim_scope = None  # every claim below goes in the ID token

    def get_additional_claims(self, request):
        user = request.user
        mode = control.read()
        seeded = USERS.get(user.username, {})
        claims = {
            "email": user.username,
            "email_verified": True,
            "name": seeded.get("name", user.username),
            "groups": mode.get("groups", {}).get(user.username, seeded.get("groups", [])),
            "amr": mode.get("amr", {}).get(user.username, seeded.get("amr", ["pwd"])),
        }
        if mode.get("audience"):
            claims["aud"] = mode["audience"]
        return claims

    def finalize_id_token(self, id_token, token, token_handler, request):
        signed = super().finalize_id_token(id_token, token, token_handler, request)
        if control.read().get("tamper"):
            header, payload, signature = signed.split(".")
            flipped = ("A" if signature[10] != "A" else "B").join((signature[:10], signature[11:]))
            signed = f"{header}.{payload}.{flipped}"
        return signed
