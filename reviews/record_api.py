"""Correcting and withdrawing a review's records and an incident's people through the API
(API.md, "Correcting and withdrawing"): `PATCH` corrects, `DELETE` with `{"reason"}` withdraws
(the record leaves every list and stays in its history). The same services, stage guards and
rules as the pages; where a record may no longer change, 400 says why.
"""

from django.db import transaction
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from boards.models import Agency
from core.api import ModelSerializer, WithdrawalSerializer
from core.concurrency import EditConflict
from reviews import selectors
from reviews.models import (
    Action,
    ChronologyEntry,
    Finding,
    Incident,
    IncidentPerson,
    KeyPracticeEpisode,
)
from reviews.review_api import ActionSerializer, EpisodeSerializer, FindingSerializer
from reviews.services import actions as action_services
from reviews.services import analysis, engagement, incidents


class ChronologyEntrySerializer(ModelSerializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=selectors.none_of(Agency))
    what_happened = serializers.CharField(source="entry")

    class Meta:
        model = ChronologyEntry
        fields = ["id", "agency", "occurred_on", "what_happened", "source"]
        read_only_fields = ["id"]


class PersonSerializer(ModelSerializer):
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, default=list
    )
    agency = serializers.PrimaryKeyRelatedField(
        queryset=selectors.none_of(Agency), required=False, allow_null=True
    )

    class Meta:
        model = IncidentPerson
        fields = ["id", "name", "aliases", "role", "relationship", "agency"]
        read_only_fields = ["id"]

    def to_representation(self, person):
        data = super().to_representation(person)
        data["aliases"] = [alias for alias in person.aliases.splitlines() if alias.strip()]
        return data


class _RecordView(generics.GenericAPIView):
    """GET, PATCH (correct) and DELETE (withdraw) of one record of a review. Outsiders get
    404 from the board-scoped queryset before any rule is tested; the rule is the URL's
    entry in URL_POLICY, tested on the record."""

    model = None
    parent_kwarg = "review_id"
    parent_field = "review_id"
    http_method_names = ["get", "patch", "delete", "head"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return selectors.none_of(self.model)
        return selectors.record_list_of_parent(
            user=self.request.user,
            model=self.model,
            parent_field=self.parent_field,
            parent_id=self.kwargs[self.parent_kwarg],
        )

    def get(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)

    def patch(self, request, *args, **kwargs):
        record = self.get_object()
        serializer = self.get_serializer(record, data=request.data, partial=True)
        self.limit_choices(serializer, record)
        serializer.is_valid(raise_exception=True)
        try:
            changed = self.correct(record, self.merged(record, serializer.validated_data))
        except EditConflict as conflict:
            body = {
                "detail": "Someone else saved this record since your version: your change is "
                "not saved. Here is the record as it is now.",
                "current": self.get_serializer(conflict.current).data,
            }
            return Response(body, status=status.HTTP_409_CONFLICT)
        return Response(self.get_serializer(changed).data)

    def delete(self, request, *args, **kwargs):
        record = self.get_object()
        body = WithdrawalSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        self.withdraw(record, body.validated_data["reason"])
        return Response(status=status.HTTP_204_NO_CONTENT)

    def limit_choices(self, serializer, record):
        """Point the serializer's related fields at what the record may link to."""

    def merged(self, record, data: dict) -> dict:
        raise NotImplementedError

    def correct(self, record, values: dict):
        raise NotImplementedError

    def withdraw(self, record, reason: str):
        raise NotImplementedError


_DOCS = {
    "patch": "Correct the record (fields left out keep their values).",
    "delete": 'Withdraw the record: `{"reason": "..."}`. It leaves every list and stays in '
    "its history.",
}


def _documented(serializer_class):
    """The record view's schema: its own methods, so that each view's schema is its own (the
    schema is kept on the function, and the methods are the base class's)."""

    def decorate(view):
        def get(self, request, *args, **kwargs):
            return _RecordView.get(self, request, *args, **kwargs)

        def patch(self, request, *args, **kwargs):
            return _RecordView.patch(self, request, *args, **kwargs)

        def delete(self, request, *args, **kwargs):
            return _RecordView.delete(self, request, *args, **kwargs)

        view.get = extend_schema(responses=serializer_class)(get)
        view.patch = extend_schema(
            request=serializer_class,
            responses={200: serializer_class, 409: _conflict(serializer_class)},
            description=_DOCS["patch"],
        )(patch)
        view.delete = extend_schema(responses={204: None}, description=_DOCS["delete"])(delete)
        return view

    return decorate


def _conflict(serializer_class):
    return inline_serializer(
        f"{serializer_class.__name__.removesuffix('Serializer')}Conflict",
        {"detail": serializers.CharField(), "current": serializer_class()},
    )


@_documented(EpisodeSerializer)
class EpisodeView(_RecordView):
    """A key practice episode: `version` names the version the change was made from (left
    out, the current one); a stale one answers 409 with the record as it is."""

    model = KeyPracticeEpisode
    serializer_class = EpisodeSerializer
    lookup_url_kwarg = "episode_id"

    def limit_choices(self, serializer, episode):
        relation = serializer.fields["chronology_entries"].child_relation
        relation.queryset = selectors.chronology_list_of_review(review_id=episode.review_id)

    def merged(self, episode, data):
        return {
            "version": self.request.data.get("version", episode.version),
            "occurred_on": data.get("occurred_on", episode.occurred_on),
            "title": data.get("title", episode.title),
            "what_happened": data.get("what_happened", episode.what_happened),
            "appraisal": data.get("appraisal", episode.appraisal),
            "factors": data.get("factors", episode.factors),
            "chronology_entries": data.get(
                "chronology_entries", list(episode.chronology_entries.all())
            ),
        }

    def correct(self, episode, values):
        return analysis.episode_update(actor=self.request.user, episode=episode, **values)

    def withdraw(self, episode, reason):
        analysis.episode_withdraw(actor=self.request.user, episode=episode, reason=reason)


@_documented(FindingSerializer)
class FindingView(_RecordView):
    """A finding: a change withdraws its quality assurance and the board's response, as on
    the pages. `version` as for episodes."""

    model = Finding
    serializer_class = FindingSerializer
    lookup_url_kwarg = "finding_id"

    def limit_choices(self, serializer, finding):
        relation = serializer.fields["episodes"].child_relation
        relation.queryset = selectors.episode_list_of_review(review_id=finding.review_id)

    def merged(self, finding, data):
        return {
            "version": self.request.data.get("version", finding.version),
            "category": data.get("category", finding.category),
            "episodes": data.get("episodes", list(finding.episodes.all())),
            **{
                name: data.get(name, getattr(finding, name))
                for name in ("title", *analysis.FINDING_SECTIONS)
            },
        }

    def correct(self, finding, values):
        return analysis.finding_update(actor=self.request.user, finding=finding, **values)

    def withdraw(self, finding, reason):
        analysis.finding_withdraw(actor=self.request.user, finding=finding, reason=reason)


@_documented(ActionSerializer)
class ActionView(_RecordView):
    """An action of the plan: what it is, its owner, due date and finding are corrected here;
    its status, completion and evidence of impact are its progress (the same PATCH records
    them as progress, dated today)."""

    model = Action
    serializer_class = ActionSerializer
    lookup_url_kwarg = "action_id"

    def limit_choices(self, serializer, action):
        serializer.fields["finding"].queryset = selectors.finding_list_of_review(
            review_id=action.review_id
        )
        serializer.fields["owner_agency"].queryset = selectors.agency_list_of_board(
            board_id=action.review.board_id
        )

    def merged(self, action, data):
        return data

    @transaction.atomic
    def correct(self, action, data):
        actor = self.request.user
        plan = ("description", "owner_agency", "due_on", "finding")
        if any(name in data for name in plan):
            action = action_services.action_update(
                actor=actor,
                action=action,
                description=data.get("description", action.description),
                owner_agency=data.get("owner_agency", action.owner_agency),
                due_on=data.get("due_on", action.due_on),
                finding=data.get("finding", action.finding),
            )
        progress = ("status", "completed_on", "evidence_of_impact")
        if any(name in data for name in progress):
            action = action_services.action_progress(
                actor=actor,
                action=action,
                status=data.get("status", action.status),
                on=timezone.localdate(),
                completed_on=data.get("completed_on", action.completed_on),
                evidence_of_impact=data.get("evidence_of_impact", ""),
            )
        return action

    def withdraw(self, action, reason):
        action_services.action_withdraw(actor=self.request.user, action=action, reason=reason)


@_documented(ChronologyEntrySerializer)
class ChronologyEntryView(_RecordView):
    model = ChronologyEntry
    serializer_class = ChronologyEntrySerializer
    lookup_url_kwarg = "entry_id"

    def limit_choices(self, serializer, entry):
        serializer.fields["agency"].queryset = selectors.agency_list_of_board(
            board_id=entry.review.board_id
        )

    def merged(self, entry, data):
        return {
            "agency": data.get("agency", entry.agency),
            "occurred_on": data.get("occurred_on", entry.occurred_on),
            "what_happened": data.get("entry", entry.entry),
            "source": data.get("source", entry.source),
        }

    def correct(self, entry, values):
        return engagement.chronology_update(actor=self.request.user, entry=entry, **values)

    def withdraw(self, entry, reason):
        engagement.chronology_withdraw(actor=self.request.user, entry=entry, reason=reason)


@_documented(PersonSerializer)
class PersonView(_RecordView):
    """Someone involved in an incident, with their real name (the business manager and the
    chair). A withdrawn person's names stay in every anonymisation check of the case."""

    model = IncidentPerson
    serializer_class = PersonSerializer
    lookup_url_kwarg = "person_id"
    parent_kwarg = parent_field = "incident_id"

    def limit_choices(self, serializer, person):
        serializer.fields["agency"].queryset = selectors.agency_list_of_board(
            board_id=person.incident.board_id
        )

    def merged(self, person, data):
        return {
            "role": data.get("role", person.role),
            "name": data.get("name", person.name),
            "aliases": "\n".join(data["aliases"]) if "aliases" in data else person.aliases,
            "relationship": data.get("relationship", person.relationship),
            "agency": data.get("agency", person.agency),
        }

    def correct(self, person, values):
        return incidents.person_update(actor=self.request.user, person=person, **values)

    def withdraw(self, person, reason):
        incidents.person_withdraw(actor=self.request.user, person=person, reason=reason)


class PeopleView(generics.GenericAPIView):
    """The people involved in an incident: listed (current ones) and added."""

    serializer_class = PersonSerializer
    lookup_url_kwarg = "incident_id"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return selectors.none_of(Incident)
        return selectors.incident_lookup(user=self.request.user)

    @extend_schema(responses=PersonSerializer(many=True))
    def get(self, request, *args, **kwargs):
        incident = self.get_object()
        people = self.paginate_queryset(incident.people.all())
        return self.get_paginated_response(PersonSerializer(people, many=True).data)

    @extend_schema(request=PersonSerializer, responses={201: PersonSerializer})
    def post(self, request, *args, **kwargs):
        incident = self.get_object()
        serializer = PersonSerializer(data=request.data)
        serializer.fields["agency"].queryset = selectors.agency_list_of_board(
            board_id=incident.board_id
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["aliases"] = "\n".join(data.get("aliases", []))
        person = incidents.person_add(actor=request.user, incident=incident, **data)
        return Response(PersonSerializer(person).data, status=status.HTTP_201_CREATED)
