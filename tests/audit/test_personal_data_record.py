import pytest

from audit.models import PersonalDataAccess
from audit.services import personal_data_record


@pytest.mark.django_db
def test_it_records_field_names_and_never_values(alice, bob):
    personal_data_record(actor=alice, obj=bob, fields=["date_of_birth", "email"], purpose="review")
    entry = PersonalDataAccess.objects.get()
    assert entry.actor == alice
    assert entry.subject_type == "accounts.user"
    assert entry.subject_id == str(bob.pk)
    assert entry.fields == ["date_of_birth", "email"]
    assert entry.action == "read"
