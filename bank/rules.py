"""Who keeps an entry of the bank, as `home/policy.py` reads it: a board's business manager
keeps their board's entries, the accreditation staff SCIE's own bank (entries no board
keeps)."""

import rules

from bank.models import BankedReport, BankImport


@rules.predicate
def of_the_services_own_bank(user, obj):
    """An entry no board keeps (SCIE's own bank), an import into it, or adding one (no board
    named)."""
    if obj is None:
        return True
    return isinstance(obj, (BankedReport, BankImport)) and obj.board_id is None
