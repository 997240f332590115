from django.urls import path

from hiring import views

app_name = "hiring"

urlpatterns = [
    path("", views.requisition_list, name="requisition_list"),
    path("requisitions/new/", views.requisition_create, name="requisition_create"),
    path("requisitions/<int:requisition_id>/", views.requisition_detail, name="requisition"),
    path("requisitions/<int:requisition_id>/approve/", views.requisition_approve, name="approve"),
    path("requisitions/<int:requisition_id>/close/", views.requisition_close, name="close"),
    path("requisitions/<int:requisition_id>/release/", views.candidates_release, name="release"),
    path("candidates/<int:release_id>/", views.candidate, name="candidate"),
    path("candidates/<int:release_id>/offer/", views.offer_record, name="offer"),
    path("candidates/<int:release_id>/answer/", views.offer_answer, name="answer"),
    path(
        "candidates/<int:release_id>/onboarding/<int:item_id>/",
        views.onboarding_done,
        name="onboarding_done",
    ),
    path("candidates/<int:release_id>/enrol/", views.enrol, name="enrol"),
    path("candidates/<int:release_id>/defer/", views.release_defer, name="defer"),
    path("candidates/<int:release_id>/interview/", views.interview_schedule, name="interview"),
    path("interviews/<int:interview_id>/scorecard/", views.scorecard, name="scorecard"),
    path("questions/", views.question_bank, name="questions"),
    path("questions/<int:question_id>/", views.question_edit, name="question_edit"),
    path("offers/", views.offer_list, name="offers"),
    path("onboarding/", views.onboarding_list, name="onboarding"),
    path("onboarding/checklist/", views.onboarding_checklist, name="checklist"),
    path(
        "onboarding/checklist/<int:program_id>/adopt/",
        views.onboarding_standard_adopt,
        name="checklist_adopt",
    ),
    path("onboarding/checklist/items/<int:task_id>/", views.onboarding_task_edit, name="task_edit"),
]
