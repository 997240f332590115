"""Invitations to self-identify a disability (29 CFR 30.11): before the offer on the
application's own page, to current apprentices once and then every year, each answer a new
row of a history that nobody outside the program admins' totals reads."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from applicants.models import DisabilityAnswer, DisabilityInvitation, SelfIdentification
from audit.models import PersonalDataAccess
from cohorts.disability import disability_invitations_send
from notifications.models import OutboundEmail
from tests.applicants.factories import SubmittedApplicationFactory
from tests.cohorts.factories import ApprenticeFactory


@pytest.mark.django_db
def test_answers_before_the_offer_are_kept_as_a_history(client, clinical_track):
    """30.11(a): the invitation is on a page apart from the application, in the program's
    words; answering again adds a row, it never overwrites the first answer."""
    application = SubmittedApplicationFactory(track=clinical_track)
    url = reverse("applicants:disability", args=[application.token])
    page = client.get(url).content.decode()
    assert "7% of apprentices" in page and "separate from your application" in page
    client.post(url, {"disability": "no"})
    client.post(url, {"disability": "yes"})
    history = list(DisabilityAnswer.objects.order_by("answered_at", "pk"))
    assert [(a.stage, a.answer) for a in history] == [("pre_offer", "no"), ("pre_offer", "yes")]
    # The application's own page shows the latest answer; the change is audited.
    assert SelfIdentification.objects.get(application=application).disability == "yes"
    assert PersonalDataAccess.objects.filter(fields__contains=["disability"]).count() == 2


@pytest.mark.django_db
def test_a_bad_answer_saves_nothing(client, clinical_track):
    application = SubmittedApplicationFactory(track=clinical_track)
    response = client.post(
        reverse("applicants:disability", args=[application.token]), {"disability": "maybe"}
    )
    assert response.status_code == 200 and not DisabilityAnswer.objects.exists()


@pytest.mark.django_db
def test_the_program_words_its_own_invitation(client, clinical_track):
    program = clinical_track.program
    program.disability_invitation = "Our own invitation, as the Office prescribes."
    program.save()
    application = SubmittedApplicationFactory(track=clinical_track)
    page = client.get(reverse("applicants:disability", args=[application.token])).content
    assert b"Our own invitation, as the Office prescribes." in page


@pytest.mark.django_db
def test_current_apprentices_are_invited_once_then_reminded_every_year(client, ed_apprentice, ed):
    """30.11(c)(1): a one-time invitation to each current apprentice; (c)(2): then a yearly
    reminder that they may update their answer. Nightly and idempotent."""
    assert disability_invitations_send() == 1
    assert disability_invitations_send() == 0  # the same night again: nothing more
    invitation = DisabilityInvitation.objects.get(person=ed_apprentice.person)
    assert invitation.stage == "apprentice"
    email = OutboundEmail.objects.get(to=ed_apprentice.person.email)
    assert reverse("applicants:my_disability") in email.body
    # Ed's home page asks him, and he answers on his own page.
    client.force_login(ed)
    home = client.get(reverse("dashboard:home")).content.decode()
    assert "Invitation to self-identify a disability" in home
    client.post(reverse("applicants:my_disability"), {"disability": "decline"})
    answer = DisabilityAnswer.objects.get(person=ed_apprentice.person)
    assert (answer.stage, answer.answer) == ("apprentice", "decline")
    assert (
        "Invitation to self-identify" not in client.get(reverse("dashboard:home")).content.decode()
    )
    with time_machine.travel(timezone.now() + timedelta(days=300), tick=False):
        assert disability_invitations_send() == 0  # not a year yet
    with time_machine.travel(timezone.now() + timedelta(days=366), tick=False):
        assert disability_invitations_send() == 1
        assert disability_invitations_send() == 0
        reminder = DisabilityInvitation.objects.filter(stage="yearly").get()
        assert reminder.person == ed_apprentice.person
        client.force_login(ed)  # a year on, the session has long expired
        home = client.get(reverse("dashboard:home")).content.decode()
        assert "You may update your disability status" in home
        client.post(reverse("applicants:my_disability"), {"disability": "yes"})
    assert list(
        DisabilityAnswer.objects.order_by("answered_at").values_list("stage", "answer")
    ) == [("apprentice", "decline"), ("yearly", "yes")]


@pytest.mark.django_db
def test_former_apprentices_are_not_invited(cohort):
    ApprenticeFactory(cohort=cohort, status="cancelled")
    assert disability_invitations_send() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "grace", "bob", "fay", "cody"])
def test_only_an_apprentice_has_a_disability_page_of_their_own(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("applicants:my_disability")).status_code == 404
    assert (
        client.post(reverse("applicants:my_disability"), {"disability": "yes"}).status_code == 404
    )
    assert not DisabilityAnswer.objects.exists()


@pytest.mark.django_db
def test_answers_never_show_on_staff_pages(client, alice, clinical_track):
    application = SubmittedApplicationFactory(track=clinical_track)
    client.post(reverse("applicants:disability", args=[application.token]), {"disability": "yes"})
    client.force_login(alice)
    page = client.get(reverse("applicants:application_detail", args=[application.pk])).content
    assert b"I have a disability" not in page and b"(or previously had one)" not in page
