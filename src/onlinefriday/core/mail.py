"""E-mail in the embedded default: printed on stderr, beside the server's log.

Django's console backend prints on stdout, which would mix e-mails into what commands such as
``onlinefriday merchant add`` print for scripts to read.
"""

import sys

from django.core.mail.backends.console import EmailBackend


class StderrEmailBackend(EmailBackend):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("stream", sys.stderr)
        super().__init__(*args, **kwargs)
