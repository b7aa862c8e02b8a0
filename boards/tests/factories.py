import factory

from boards.models import Agency, Board, Membership
from core.tests.factories import UserFactory


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    name = factory.Sequence(lambda n: f"Shire {n} Safeguarding Children Partnership")
    kind = Board.Kind.CHILDREN
    nation = Board.Nation.ENGLAND
    regime = Board.Regime.PARTNERS_2018


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Agency {n}")
    sector = Agency.Sector.POLICE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    board = factory.SubFactory(BoardFactory)
    role = Membership.Role.MEMBER
