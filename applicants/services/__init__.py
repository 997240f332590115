"""The applicants app's writes, by part: the pipeline core (moves, the application's life,
approvals), testing, info sessions, and personal records."""

from applicants.services.core import (  # noqa: F401
    ALLOWED_MOVES,
    ELIGIBILITY_RULE_FIELDS,
    EXITS,
    EXITS_NEED_REASON,
    PERSON_ADDRESS_FIELDS,
    Step,
    _approval_request,
    _gates_failed,
    application_draft_save,
    application_merge,
    application_move,
    application_roll_to_next_month,
    application_start,
    application_submit,
    application_withdraw,
    applications_bulk_move,
    approval_decide,
    approver_check,
    eligibility_evaluate,
    eligibility_override,
    eligibility_rules_update,
    moves_from,
    next_intake_month,
    private_link,
    registration_details_save,
    rules_for,
)
from applicants.services.disability import (  # noqa: F401
    disability_answer,
    disability_invite,
    open_invitation,
)
from applicants.services.documents import (  # noqa: F401
    SELF_IDENTIFICATION_FIELDS,
    document_upload,
    person_ssn_set,
    screening_record,
    self_identification_save,
)
from applicants.services.info_sessions import (  # noqa: F401
    booking_cancel,
    info_session_create,
    next_session_with_seats,
    presentation_upload,
    session_book,
    session_invite,
    session_roster_save,
)
from applicants.services.outreach import (  # noqa: F401
    OUTREACH_FIELDS,
    outreach_source_save,
)
from applicants.services.testing import (  # noqa: F401
    CSV_COLUMNS,
    _parse_result_row,
    testing_day_record,
    testing_invite,
    testing_results_import,
    testing_results_record,
)
