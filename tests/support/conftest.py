import pytest

from support.models import Barrier, SupportAssignment, Survey, SurveyQuestion


@pytest.fixture
def coached_ed(ed_apprentice, cody):
    SupportAssignment.objects.create(
        apprentice=ed_apprentice,
        person=cody,
        kind="coach",
        starts_on=ed_apprentice.employment_start,
    )
    return ed_apprentice


@pytest.fixture
def transportation(program):
    return Barrier.objects.create(program=program, name="Transportation")


@pytest.fixture
def week_4_survey(program):
    survey = Survey.objects.create(program=program, when="week_4", title="Week 4: how is it going?")
    SurveyQuestion.objects.create(survey=survey, order=1, text="I know what is expected of me")
    SurveyQuestion.objects.create(survey=survey, order=2, text="My preceptor helps me learn")
    SurveyQuestion.objects.create(
        survey=survey, order=3, text="What would you change?", kind="text"
    )
    return survey
