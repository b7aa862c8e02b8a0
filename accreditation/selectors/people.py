"""The accounts the accreditation pages and API name: staff, applicants, reviewers."""

from django.contrib.auth import get_user_model


def accreditation_staff(*, active: bool = True):
    """Accreditation staff, active ones unless `active=False`: facilitators and supervisors."""
    lookup = {"is_accreditation_staff": True}
    if active:
        lookup["is_active"] = True
    return get_user_model().objects.filter(**lookup)


def accounts():
    """Every account: for the staff (the API) to name an applicant or a reviewer by id."""
    return get_user_model().objects.all()
