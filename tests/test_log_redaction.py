"""Private-link tokens never reach a log line: request logs, 404 warnings, gunicorn's access log."""

import copy
import io
import logging
import logging.config

from apprenticeship.logfilters import RedactTokensFilter, gunicorn_logger_class, redact


def test_tokens_in_paths_and_queries_are_blanked():
    token = "Zq3kL0p9xYw2Vt8uR4sN1mB7cD6eF5gH"
    line = f'"GET /apply/a/{token}/review/?token={token} HTTP/1.1" 200'
    assert token not in redact(line)
    assert "/apply/a/[redacted]/review/" in redact(line)
    assert redact('"GET /cohorts/12/rapids/ HTTP/1.1"') == '"GET /cohorts/12/rapids/ HTTP/1.1"'


def test_the_filter_rewrites_formatted_records():
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        ("/apply/a/" + "x" * 43 + "/",),
        None,
    )
    RedactTokensFilter().filter(record)
    assert record.getMessage() == "Not Found: /apply/a/[redacted]/"


def test_gunicorn_access_atoms_are_redacted():
    from gunicorn.config import Config

    logger = gunicorn_logger_class()(Config())
    token = "a" * 43

    class Request:
        method, path, query, version = "GET", f"/apply/a/{token}/", "", (1, 1)
        headers = []

    class Response:
        status, sent, headers = "200 OK", 10, []
        response_length = 10

    environ = {
        "REQUEST_METHOD": "GET",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "QUERY_STRING": f"token={token}",
        "PATH_INFO": f"/apply/a/{token}/",
        "RAW_URI": f"/apply/a/{token}/",
        "REMOTE_ADDR": "1.2.3.4",
        "HTTP_REFERER": f"https://x/apply/a/{token}/",
    }
    import datetime

    atoms = logger.atoms(Response(), Request(), environ, datetime.timedelta(seconds=0.01))
    assert all(token not in str(value) for value in atoms.values())


def test_the_production_logging_setting_redacts_every_console_line():
    """Configure logging exactly as production does and log a 404 and a request line."""
    from apprenticeship import settings as production

    config = copy.deepcopy(production.LOGGING)
    stream = io.StringIO()
    config["handlers"]["console"]["stream"] = stream
    token = "Zq3kL0p9xYw2Vt8uR4sN1mB7cD6eF5gH"
    saved = {name: logging.getLogger(name).__dict__.copy() for name in ["", "django.server"]}
    try:
        logging.config.dictConfig(config)
        logging.getLogger("django.request").warning("Not Found: %s", f"/apply/a/{token}/")
        logging.getLogger("django.server").info('"GET /apply/a/%s/ HTTP/1.1" 200 5', token)
    finally:
        for name, state in saved.items():
            logging.getLogger(name).__dict__.update(state)
    written = stream.getvalue()
    assert "Not Found: /apply/a/[redacted]/" in written
    assert '"GET /apply/a/[redacted]/ HTTP/1.1" 200' in written
    assert token not in written


def test_a_token_followed_by_any_character_is_blanked():
    token = "Zq3kL0p9xYw2Vt8uR4sN1mB7cD6eF5gH"
    for line in (
        f"/apply/a/{token}./",
        f"({token})",
        f"/apply/a/{token}%00",
        f"/apply/a/{token}#x",
        f"'{token}'",
    ):
        assert token not in redact(line), line
    # Names in log messages stay readable.
    assert redact("Task reminders.tasks.clear_expired_sessions ok") == (
        "Task reminders.tasks.clear_expired_sessions ok"
    )
