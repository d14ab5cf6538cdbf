#!/usr/bin/env python3
"""A local SMTP sink for tests: accepts every message and saves it as an .eml file in a folder.

Usage: python3 tests/smtp-sink/smtp_sink.py PORT FOLDER   (Debian's python3-aiosmtpd; listens on 127.0.0.1)
Each message is written to FOLDER/<time>-<n>.eml (first to a .tmp name, then renamed, so a reader never sees half).
"""
import itertools
import os
import signal
import sys
import time

from aiosmtpd.controller import Controller

counter = itertools.count(1)


class SaveToFolder:
    def __init__(self, folder):
        self.folder = folder

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}-{next(counter)}"
        tmp = os.path.join(self.folder, name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n".encode())
            f.write(envelope.original_content or envelope.content)
        os.replace(tmp, os.path.join(self.folder, name + ".eml"))
        return "250 Message accepted"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    # Blocked before the server thread starts, so only sigwait below receives them.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    controller = Controller(SaveToFolder(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"SMTP sink on 127.0.0.1:{port} saving to {folder}", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    main()
