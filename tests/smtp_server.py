"""A mail server on 127.0.0.1 for the tests (and bench/mail_outage.py) that need a real one: it
speaks just enough SMTP for smtplib (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps every
message it accepts, and can be switched, while it runs, between

- ACCEPT: a working server;
- REFUSE: it answers every connection "421 … not available" and hangs up (a server that is up
  but refuses service; for one that is not there at all, use a port nothing listens on);
- BLACK_HOLE: it accepts the TCP connection and never says a word (a server that hangs, or a
  firewall that swallows packets): the client waits for its EMAIL_TIMEOUT.

    with SMTPServer(mode=REFUSE) as server:
        settings.EMAIL_PORT = server.port
        ...
        server.mode = ACCEPT
"""

import email
import socketserver
import threading
from dataclasses import dataclass
from email.message import Message

ACCEPT = "accept"
REFUSE = "refuse"
BLACK_HOLE = "black hole"


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes

    @property
    def message(self) -> Message:
        return email.message_from_bytes(self.data)

    @property
    def body(self) -> str:
        payload = self.message.get_payload(decode=True)
        return payload.decode(self.message.get_content_charset() or "utf-8")


class _Session(socketserver.StreamRequestHandler):
    server: "_Server"

    def handle(self) -> None:
        owner = self.server.owner
        if owner.mode == BLACK_HOLE:
            owner.stopped.wait()  # silence until the server stops
            return
        if owner.mode == REFUSE:
            self.reply("421 smtp.test Service not available, closing transmission channel")
            return
        self.reply("220 smtp.test ESMTP ready")
        sender, recipients = "", []
        while line := self.rfile.readline():
            command, _, argument = line.decode("ascii", "replace").strip().partition(" ")
            command = command.upper()
            if command == "EHLO":
                self.reply("250-smtp.test\r\n250 8BITMIME")
            elif command == "HELO":
                self.reply("250 smtp.test")
            elif command == "MAIL":
                sender, recipients = _address(argument), []
                self.reply("250 OK")
            elif command == "RCPT":
                recipients.append(_address(argument))
                self.reply("250 OK")
            elif command == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                owner.keep(Received(sender, recipients, self.read_data()))
                self.reply("250 OK: queued")
            elif command in ("RSET", "NOOP"):
                self.reply("250 OK")
            elif command == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def read_data(self) -> bytes:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)  # dot-unstuffing
        return b"".join(lines)

    def reply(self, text: str) -> None:
        self.wfile.write(text.encode() + b"\r\n")
        self.wfile.flush()


def _address(argument: str) -> str:
    """`FROM:<a@b> SIZE=…` → `a@b`."""
    return argument.partition(":")[2].split()[0].strip("<>") if ":" in argument else ""


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: "SMTPServer"


class SMTPServer:
    """The server, listening on a free port of 127.0.0.1 from `start()` (or `with`) on."""

    def __init__(self, mode: str = ACCEPT) -> None:
        self.mode = mode
        self.received: list[Received] = []
        self.stopped = threading.Event()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Session)
        self._server.owner = self
        self.port: int = self._server.server_address[1]

    def keep(self, received: Received) -> None:
        with self._lock:
            self.received.append(received)

    def start(self) -> "SMTPServer":
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        self.stopped.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "SMTPServer":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
