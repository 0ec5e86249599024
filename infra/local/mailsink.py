#!/usr/bin/env python3
"""A local SMTP sink for development and tests: accepts every message on 127.0.0.1 and writes it, as received, to
<dir>/<time>-<n>.eml. Keycloak sends its e-mails here (address verification, invitations), so a person trying the
platform locally, and the browser tests, can read and follow them. Standard library only; no relaying, no auth.

    mailsink.py --port 11025 --dir .runledger/mail
"""
import argparse
import asyncio
import itertools
import os
import time

counter = itertools.count(1)


async def session(reader, writer, directory):
    def reply(line):
        writer.write((line + "\r\n").encode())

    reply("220 runledger-mailsink ESMTP")
    await writer.drain()
    sender, recipients = None, []
    try:
        while True:
            raw = await reader.readline()
            if not raw:
                break
            command = raw.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb in ("HELO", "EHLO"):
                reply("250-runledger-mailsink" if verb == "EHLO" else "250 runledger-mailsink")
                if verb == "EHLO":
                    reply("250 8BITMIME")
            elif verb == "MAIL":
                sender, recipients = command[10:].strip(), []
                reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command[8:].strip())
                reply("250 OK")
            elif verb == "DATA":
                reply("354 End data with <CR><LF>.<CR><LF>")
                await writer.drain()
                lines = []
                while True:
                    line = await reader.readline()
                    if not line or line in (b".\r\n", b".\n"):
                        break
                    # Dot-stuffing (RFC 5321 4.5.2): a leading dot was doubled by the sender.
                    lines.append(line[1:] if line.startswith(b"..") else line)
                name = "%s-%04d.eml" % (time.strftime("%Y%m%dT%H%M%S"), next(counter))
                temporary = os.path.join(directory, "." + name)
                with open(temporary, "wb") as out:
                    out.write(("X-Sink-From: %s\r\nX-Sink-To: %s\r\n" % (sender, ", ".join(recipients))).encode())
                    out.writelines(lines)
                # Whole files only: a reader never sees a message half written.
                os.replace(temporary, os.path.join(directory, name))
                reply("250 OK: stored as " + name)
            elif verb == "RSET":
                sender, recipients = None, []
                reply("250 OK")
            elif verb == "NOOP":
                reply("250 OK")
            elif verb == "QUIT":
                reply("221 Bye")
                await writer.drain()
                break
            else:
                reply("502 Command not implemented")
            await writer.drain()
    finally:
        writer.close()


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=11025)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    server = await asyncio.start_server(lambda r, w: session(r, w, args.dir), args.host, args.port)
    print("mailsink: listening on %s:%d, writing to %s" % (args.host, args.port, args.dir), flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
