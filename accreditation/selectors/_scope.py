"""What the selectors share: staff read everyone's records, anyone else only their own."""

from django.shortcuts import get_object_or_404

from core import permissions


def own_or_404(queryset, user, owner_field: str, **lookup):
    if not permissions.can(user, "accreditation.manage"):
        queryset = queryset.filter(**{owner_field: user})
    return get_object_or_404(queryset, **lookup)
