"""The local OpenID Provider's test identities (identity/provider/identities.json), which the
demo gives its accounts: invented numbers, valid by checksum, one per demo account."""

import json

from stdnum.se import personnummer

from demo import identity, iop, register


def test_every_demo_account_has_one_valid_invented_number_and_signatories_an_affiliation():
    identities = json.loads(identity.IDENTITIES.read_text(encoding="utf-8"))
    usernames = [entry["username"] for entry in identities]
    assert len(set(usernames)) == len(usernames)
    accounts = {row[0] for row in register.ACCOUNTS} | {name for name, _ in iop.SIGNATORIES}
    assert set(usernames) <= accounts
    numbers = [entry["personalIdentityNumber"] for entry in identities]
    assert len(set(numbers)) == len(numbers)
    for entry in identities:
        number = entry["personalIdentityNumber"]
        assert personnummer.is_valid(number) and number.startswith("19121212")
        if "orgAffiliation" in entry:
            person, org_number = entry["orgAffiliation"].split("@")
            assert person == number and len(org_number) == 10
    assert {name for name, _ in iop.SIGNATORIES} <= {
        entry["username"] for entry in identities if "orgAffiliation" in entry
    }
