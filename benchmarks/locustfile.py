"""The load test's users: each signs in once as a role of the bench data and then opens that
role's main pages at random, as people do. The pages come from the bench modules (the
`LOAD_PAGES` file written by benchmarks.load)."""

import json
import os
import random
import re

from locust import HttpUser, between, task

PAGES = json.loads(open(os.environ["LOAD_PAGES"]).read())  # noqa: SIM115 - read once
PASSWORD = os.environ["LOAD_PASSWORD"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Person(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        self.email = random.choice(sorted(PAGES))  # noqa: S311 # nosec B311 - a role, not a secret
        self.urls = PAGES[self.email]
        page = self.client.get("/accounts/login/", name="sign in (form)")
        token = CSRF.search(page.text).group(1)
        self.client.post(
            "/accounts/login/",
            {"username": self.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="sign in",
        )

    @task
    def open_a_page(self) -> None:
        label, url = random.choice(self.urls)  # noqa: S311 # nosec B311 - a page, not a secret
        with self.client.get(url, name=label, catch_response=True) as response:
            if response.status_code != 200 or "/accounts/login/" in response.url:
                response.failure(f"{response.status_code} at {response.url}")
