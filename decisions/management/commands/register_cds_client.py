from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from decisions.ehr.clients import (
    JwksUnavailable,
    cds_client_register,
    cds_client_revoke,
    jwks_read_file,
)


class Command(BaseCommand):
    help = (
        "Trust the JWT signing keys of one CDS Hooks client (an EHR), named by its `iss`: "
        "its JWK Set from a file (stored) or a URL (fetched, cached); or --revoke it."
    )

    def add_arguments(self, parser):
        parser.add_argument("issuer", help="The `iss` of the client's JWTs.")
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--jwks-file", type=Path, help="A JWK Set (public keys) as JSON.")
        source.add_argument("--jwks-url", help="Where the client serves its JWK Set.")
        source.add_argument("--revoke", action="store_true", help="Stop trusting the client.")

    def handle(self, *args, issuer, jwks_file, jwks_url, revoke, **options):
        if revoke:
            if not cds_client_revoke(issuer=issuer):
                raise CommandError(f"No CDS client {issuer!r} is registered.")
            self.stdout.write(self.style.SUCCESS(f"Revoked {issuer}."))
            return
        try:
            if jwks_file is not None:
                jwks = jwks_read_file(jwks_file.read_text())
                client = cds_client_register(issuer=issuer, jwks=jwks)
            else:
                client = cds_client_register(issuer=issuer, jwks_url=jwks_url)
        except (OSError, JwksUnavailable) as error:
            raise CommandError(f"The JWK Set cannot be used: {error}") from None
        kids = [k["kid"] for k in client.jwks.get("keys", [])] if client.jwks else ["(by URL)"]
        self.stdout.write(self.style.SUCCESS(f"Registered {issuer}: keys {', '.join(kids)}."))
