"""SCIM 2.0 at /scim/v2/ (RFC 7643, 7644) for the institution's identity provider: Users and
Groups, with filtering, PATCH and ETags. scim2-server speaks the protocol (validation, PATCH,
filters, errors, discovery); this module is its storage over our tables and its Django view.

The schemas published are the attributes kept here (userName, name, displayName, emails,
active, preferredLanguage, externalId; the enterprise employeeNumber; a group's displayName
and members), so a client knows what is stored. Authentication: an API token with the `scim`
scope (Authorization: Bearer apt_...), made on the API tokens page.
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import pghistory
from django.db import transaction
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from scim2_models import (
    ForbiddenException,
    InvalidValueException,
    NotFoundException,
    PreconditionFailedException,
    Resource,
    ResourceType,
    SCIMException,
    ScimFilter,
    ScimProvider,
    SearchRequest,
    ServiceProviderConfig,
    UnauthorizedException,
    UniquenessException,
)
from scim2_models.path.expressions import Comparison
from scim2_server.handler import ScimHandler
from scim2_server.requests import ScimRequest
from scim2_server.service import ScimService
from scim2_server.storage import ScimStorage, SearchPage
from scim2_server.utils import load_default_resource_types, load_default_schemas

from api.models import ApiToken, Scope
from api.tokens import token_for, token_used
from identity import directory
from identity.models import DirectoryGroup, DirectoryUser

CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User"
CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
KEPT = {
    CORE_USER: {"userName", "name", "displayName", "emails", "active"},
    ENTERPRISE: {"employeeNumber"},
    CORE_GROUP: {"displayName", "members"},
}
KEPT_SUB = {
    "name": {"formatted", "givenName", "familyName"},
    "emails": {"value"},
    "members": {"value", "$ref", "type"},
}
MAX_RESULTS = 200
logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def provider() -> ScimProvider:
    schemas = load_default_schemas()
    for urn, names in KEPT.items():
        schema = schemas[urn]
        schema.attributes = [a for a in schema.attributes if a.name in names]
        for attribute in schema.attributes:
            if attribute.name in KEPT_SUB and attribute.sub_attributes:
                attribute.sub_attributes = [
                    s for s in attribute.sub_attributes if s.name in KEPT_SUB[attribute.name]
                ]
    config = ServiceProviderConfig.model_validate(
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
            "patch": {"supported": True},
            "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
            "filter": {"supported": True, "maxResults": MAX_RESULTS},
            "changePassword": {"supported": False},
            "sort": {"supported": False},
            "etag": {"supported": True},
            "authenticationSchemes": [
                {
                    "type": "oauthbearertoken",
                    "name": "Bearer token",
                    "description": "An API token with the scim scope, made by a program admin.",
                    "primary": True,
                }
            ],
        }
    )
    return ScimProvider.from_discovery(
        [schemas[urn] for urn in KEPT], load_default_resource_types().values(), config=config
    )


def _version(body: dict) -> str:
    return f'W/"{hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16]}"'


def _with_meta(model, body: dict, *, kind: str, created, updated) -> Resource[Any]:
    body["meta"] = {
        "resourceType": kind,
        "created": created.isoformat(),
        "lastModified": updated.isoformat(),
        "version": _version(body),
    }
    return model.model_validate(body)


def _user_body(person: DirectoryUser) -> dict:
    user = person.user
    body: dict[str, Any] = {
        "schemas": [CORE_USER, ENTERPRISE],
        "id": str(person.scim_id),
        "userName": person.user_name or user.email,
    }
    name = {
        key: value
        for key, value in (
            ("formatted", person.formatted_name),
            ("givenName", person.given_name),
            ("familyName", person.family_name),
        )
        if value
    }
    if name:
        body["name"] = name
    if person.display_name:
        body["displayName"] = person.display_name
    if person.active is not None or not user.is_active:
        body["active"] = user.is_active
    if not user.email.endswith(directory.NO_EMAIL_DOMAIN):
        body["emails"] = [{"value": user.email}]
    if person.external_id:
        body["externalId"] = person.external_id
    if person.employee_number:
        body[ENTERPRISE] = {"employeeNumber": person.employee_number}
    return body


def _group_body(group: DirectoryGroup) -> dict:
    members = (
        DirectoryUser.objects.filter(user__directory_groups=group, removed_at__isnull=True)
        .select_related("user")
        .order_by("pk")
    )
    body: dict[str, Any] = {
        "schemas": [CORE_GROUP],
        "id": str(group.scim_id),
        "displayName": group.display_name,
    }
    if group.external_id:
        body["externalId"] = group.external_id
    member_list = [
        {"value": str(m.scim_id), "$ref": f"Users/{m.scim_id}", "type": "User"} for m in members
    ]
    if member_list:
        body["members"] = member_list
    return body


def _person_values(resource: Resource[Any]) -> directory.PersonValues:
    body = resource.model_dump(mode="json", by_alias=True, exclude_none=True, scim_ctx=None)
    user_name = str(body.get("userName") or "").strip()
    emails = body.get("emails") or []
    primary = [e.get("value") for e in emails if e.get("primary")] + [
        e.get("value") for e in emails
    ]
    email = next((str(e).strip().lower() for e in primary if e and "@" in str(e)), "")
    if not email and "@" in user_name:
        email = user_name.lower()
    name = body.get("name") or {}
    given, family = name.get("givenName") or "", name.get("familyName") or ""
    full_name = name.get("formatted") or " ".join(p for p in (given, family) if p)
    display_name = str(body.get("displayName") or "")
    return directory.PersonValues(
        user_name=user_name[:255],
        email=email,
        display_name=display_name[:150],
        full_name=full_name or display_name or email or user_name,
        formatted_name=(name.get("formatted") or "")[:150],
        given_name=given[:150],
        family_name=family[:150],
        active=body.get("active"),
        external_id=(body.get("externalId") or "")[:255],
        employee_number=((body.get(ENTERPRISE) or {}).get("employeeNumber") or "")[:64],
    )


def _uuid(value: str | None) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFoundException(detail="No such resource.") from None


@contextmanager
def _directory_errors():
    """The directory's refusals as SCIM errors: a taken value 409, a refused change 400."""
    try:
        yield
    except directory.DirectoryConflict:
        raise UniquenessException() from None
    except directory.DirectoryRefused as refusal:
        raise InvalidValueException(detail=str(refusal)) from None


class Storage(ScimStorage):
    """Users are DirectoryUser rows (not removed); Groups are DirectoryGroup rows."""

    def __init__(self, service: ScimService):
        self.service = service

    def _model(self, resource_type: ResourceType):
        return self.service.get_model(resource_type)

    def _person(self, resource_id: str | None) -> DirectoryUser:
        person = (
            DirectoryUser.objects.select_related("user")
            .filter(scim_id=_uuid(resource_id), removed_at__isnull=True)
            .first()
        )
        if person is None:
            raise NotFoundException(detail="No such user.")
        return person

    def _group(self, resource_id: str | None) -> DirectoryGroup:
        group = DirectoryGroup.objects.filter(scim_id=_uuid(resource_id)).first()
        if group is None:
            raise NotFoundException(detail="No such group.")
        return group

    def _resource(self, resource_type: ResourceType, row) -> Resource[Any]:
        body = _user_body(row) if resource_type.name == "User" else _group_body(row)
        return _with_meta(
            self._model(resource_type),
            body,
            kind=resource_type.name,
            created=row.created_at,
            updated=row.updated_at,
        )

    def get(self, resource_type, resource_id, *, response_parameters=None):
        row = (
            self._person(resource_id) if resource_type.name == "User" else self._group(resource_id)
        )
        return self._resource(resource_type, row)

    def search(self, resource_types, search_request: SearchRequest[Any], *, position=None):
        start = search_request.start_index_0 or 0
        count = search_request.count if search_request.count is not None else MAX_RESULTS
        if len(resource_types) == 1 and search_request.filter is None:
            # The common listing: counted and paged by the database.
            rows = self._rows(resource_types[0])
            page = rows.order_by("pk")[start : start + count]
            resources = [self._resource(resource_types[0], row) for row in page]
            return SearchPage(total=rows.count(), resources=resources)
        found = []
        for resource_type in resource_types:
            found += self._found(resource_type, search_request.filter)
        return SearchPage(total=len(found), resources=found[start : start + count])

    @staticmethod
    def _rows(resource_type):
        if resource_type.name == "User":
            return DirectoryUser.objects.filter(removed_at__isnull=True).select_related("user")
        return DirectoryGroup.objects.all()

    # An equality on these attributes is narrowed by the database first (as SCIM compares
    # them: userName and displayName ignore case, externalId does not).
    NARROW = {
        "User": {"userName": "user_name__iexact", "externalId": "external_id"},
        "Group": {"displayName": "display_name__iexact", "externalId": "external_id"},
    }

    def _found(self, resource_type, scim_filter) -> list[Resource[Any]]:
        rows = self._rows(resource_type)
        if scim_filter is None:
            return [self._resource(resource_type, row) for row in rows.order_by("pk")]
        scim_filter = ScimFilter[self._model(resource_type)](str(scim_filter))
        node = scim_filter.ast
        narrow = self.NARROW[resource_type.name]
        if isinstance(node, Comparison) and node.op.value == "eq":
            attribute = str(node.attr_path).rpartition(":")[2]
            if attribute in narrow and isinstance(node.value, str):
                rows = rows.filter(**{narrow[attribute]: node.value})
        found = [self._resource(resource_type, row) for row in rows.order_by("pk")]
        return [r for r in found if scim_filter.match(r)]

    def create(self, resource_type, resource):
        with _directory_errors():
            if resource_type.name == "User":
                row = directory.person_create(values=_person_values(resource))
            else:
                row = self._group_write(None, resource)
        return self._resource(resource_type, row)

    def update(self, resource_type, resource, *, expected_version=None):
        current = self.get(resource_type, resource.id)
        if expected_version is not None and current.meta.version != expected_version:
            raise PreconditionFailedException
        with _directory_errors():
            if resource_type.name == "User":
                row = directory.person_update(
                    directory=self._person(resource.id), values=_person_values(resource)
                )
            else:
                row = self._group_write(self._group(resource.id), resource)
        return self._resource(resource_type, row)

    def delete(self, resource_type, resource_id, *, expected_version=None):
        current = self.get(resource_type, resource_id)
        if expected_version is not None and current.meta.version != expected_version:
            raise PreconditionFailedException
        if resource_type.name == "User":
            with _directory_errors():
                directory.person_remove(directory=self._person(resource_id))
        else:
            directory.group_delete(group=self._group(resource_id))

    def _group_write(self, group: DirectoryGroup | None, resource) -> DirectoryGroup:
        body = resource.model_dump(mode="json", by_alias=True, exclude_none=True, scim_ctx=None)
        name = str(body.get("displayName") or "").strip()
        if not name:
            raise InvalidValueException(detail="A group needs a displayName.")
        members = [str(m.get("value")) for m in body.get("members") or []]
        try:
            member_ids = [uuid.UUID(m) for m in members]
            return directory.group_write(
                group=group,
                display_name=name[:200],
                external_id=(body.get("externalId") or "")[:255],
                member_ids=member_ids,
            )
        except (ValueError, directory.DirectoryMissing):
            raise InvalidValueException(detail="A member is not a user of this service.") from None

    def operation(self):
        return transaction.atomic()


class Service(ScimService):
    def authorize(self, request: ScimRequest, target, resource_type) -> None:
        token = request.subject
        if not isinstance(token, ApiToken):
            raise UnauthorizedException(detail="Send an API token: Authorization: Bearer apt_...")
        if Scope.SCIM not in token.scopes:
            raise ForbiddenException(detail="This token has no scim scope.")


@lru_cache(maxsize=1)
def _handler() -> tuple[Service, ScimHandler]:
    service = Service(provider())
    return service, ScimHandler(service, Storage(service))


def _token(request) -> ApiToken | None:
    keyword, _sep, raw = request.headers.get("Authorization", "").partition(" ")
    token = token_for(raw.strip()) if keyword == "Bearer" else None
    if token is not None:
        token_used(token)
    return token


@csrf_exempt
def endpoint(request, path: str = ""):
    """Every /scim/v2/ request: authenticated by token (except the service's own
    configuration, RFC 7643 §5), then served by scim2-server."""
    service, handler = _handler()
    scim_request = ScimRequest(
        method=request.method,
        base_url=request.build_absolute_uri("/scim/v2"),
        path="/" + path,
        query=request.GET.dict(),
        headers=dict(request.headers),
        body=request.body,
    )
    try:
        operation = service.match(scim_request).operation
        if operation.name != "service_provider_config":
            scim_request.subject = _token(request)
            if scim_request.subject is None:
                raise UnauthorizedException(detail="Unknown, expired or revoked token.")
        # Changes are attributed to the directory's integration account in the audit log.
        actor = scim_request.subject.user_id if scim_request.subject else None
        with pghistory.context(user=actor):
            response = handler.handle(scim_request)
    except Exception as exception:
        if not isinstance(exception, SCIMException):
            logger.exception("SCIM request failed")
        response = service.error_response(exception)
    reply = HttpResponse(
        b"" if response.body is None else json.dumps(response.body),
        status=response.status.value,
    )
    for name, value in response.headers.items():
        reply[name] = value
    if response.status.value == 401:
        reply["WWW-Authenticate"] = 'Bearer realm="scim"'
    return reply
