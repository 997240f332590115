"""Applying in Spanish: the applicant switches the language and the form speaks Spanish."""

import pytest
from playwright.sync_api import Page, expect

from applicants.models import Application
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_applicant_applies_in_spanish(page: Page, live_server, clinical_track, mailoutbox):
    page.goto(f"{live_server.url}/apply/{clinical_track.slug}/")
    page.get_by_label("Language", exact=True).select_option("es")
    page.get_by_role("button", name="Change language").click()
    expect(page.get_by_role("heading", name="Lo que necesita")).to_be_visible()
    page.get_by_label("Nombre").fill("Lucía")
    page.get_by_label("Apellido").fill("Gómez")
    page.get_by_role("textbox", name="Correo electrónico").fill("lucia@example.net")
    page.get_by_label("Teléfono").fill("314-555-0199")
    page.get_by_label("Idioma de nuestros correos").select_option("es")
    assert_accessible(page)
    page.get_by_role("button", name="Empezar mi solicitud").click()
    expect(page.get_by_role("heading", name="Sus antecedentes")).to_be_visible()
    page.get_by_label("Fecha de nacimiento").fill("1990-02-14")
    page.get_by_label("Dirección de su casa").fill("4901 Forest Park Ave")
    page.get_by_label("Ciudad").fill("St. Louis")
    page.get_by_label("Estado").select_option("MO")
    page.get_by_label("Código postal").fill("63108")
    page.get_by_label("Nivel de estudios más alto").select_option("3")
    page.get_by_label("Meses de experiencia laboral en salud, en total").fill("48")
    page.get_by_role("button", name="Guardar y continuar").click()
    page.get_by_label("Puedo empezar el primer lunes").check()
    page.get_by_role("button", name="Guardar y continuar").click()
    page.get_by_role("link", name="Continuar a la revisión").click()
    page.get_by_role("button", name="Enviar mi solicitud").click()
    expect(page.locator("#current-step")).to_contain_text("Solicitud enviada")
    assert_accessible(page)
    assert Application.objects.get().person.preferred_language == "es"
    assert "Recibimos su solicitud" in [m.subject for m in mailoutbox]
