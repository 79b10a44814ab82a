"""A console mail backend a developer can read: `make run`'s default.

Django's console backend prints the raw MIME message, where long lines (every
link in our emails) are quoted-printable and broken with ``=``; copying a
confirmation or invitation link from the terminal then fails. This one prints
the headers that matter and the decoded plain-text part, and names the other
parts, so every link can be clicked as printed.
"""

from __future__ import annotations

from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend


class ReadableConsoleBackend(DjangoConsoleBackend):
    def write_message(self, message):
        msg = message.message()
        for header in ("From", "To", "Reply-To", "Subject"):
            if msg[header]:
                self.stream.write(f"{header}: {msg[header]}\n")
        text = msg.get_body(preferencelist=("plain",))
        self.stream.write("\n" + (text.get_content() if text else "(no text part)") + "\n")
        for part in msg.walk():
            if part is not text and part.get_content_maintype() != "multipart":
                self.stream.write(f"[also: {part.get_filename() or part.get_content_type()}]\n")
        self.stream.write("-" * 79 + "\n")
