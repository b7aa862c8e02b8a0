"""`get_FOO_display()` reads the labels gathered once (core.models.ChoiceLabels) and still
speaks the language of the request."""

from django.utils import translation

from boards.models import Agency


def test_a_label_follows_the_language_of_each_call():
    agency = Agency(sector=Agency.Sector.VOLUNTARY)
    with translation.override("en-gb"):
        english = agency.get_sector_display()
    with translation.override("cy"):
        welsh = agency.get_sector_display()
    with translation.override("en-gb"):
        again = agency.get_sector_display()
    assert english == again == "Voluntary and community sector"
    assert welsh and welsh != english
    with translation.override("cy"):
        assert welsh == str(Agency.Sector.VOLUNTARY.label)


def test_a_value_with_no_label_is_shown_as_it_is():
    assert Agency(sector="not-a-sector").get_sector_display() == "not-a-sector"
    assert Agency(sector="").get_sector_display() == ""
