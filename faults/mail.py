"""A slow file email backend for `make faults`: each send waits, so a worker can be killed
while it is in the middle of one."""

import os
import time

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        time.sleep(float(os.environ.get("FAULTS_SEND_SECONDS", "2")))
        return super().send_messages(email_messages)
