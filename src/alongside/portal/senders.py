"""How a message reaches a family member: email, text message, or (in the demo) the screen.

`ALONGSIDE_MESSAGE_SENDER` names the sender class. A council connects its own text message
provider (GOV.UK Notify, for example) by writing a class with the same `send` method. On a demo
database the message is shown on the worker's screen instead, because nothing can be delivered
from a demo: the demo never sends a real email or text."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from alongside.practice_model.selectors import is_demo_database

logger = logging.getLogger("alongside.messages")


@dataclass(frozen=True)
class OutgoingMessage:
    channel: str  # "email" or "sms"
    to: str
    subject: str
    body: str


class EmailSender:
    """Sends email through Django's mail settings. It cannot send a text message: configure a
    text message sender for that."""

    shows_on_screen = False

    def send(self, message: OutgoingMessage) -> None:
        if message.channel != "email":
            raise RuntimeError("No text message sender is configured (ALONGSIDE_MESSAGE_SENDER)")
        send_mail(message.subject, message.body, None, [message.to])
        logger.info("Sent %s to a family member", message.subject)


class ShowOnScreenSender:
    """The demo's sender: logs that a message would have gone (never its link, which signs someone
    in) and lets the page show it."""

    shows_on_screen = True

    def send(self, message: OutgoingMessage) -> None:
        logger.info("Demo: %s by %s to %s (shown on screen, not sent)", message.subject, message.channel, message.to)


def message_sender():
    if is_demo_database():
        return ShowOnScreenSender()
    return import_string(settings.ALONGSIDE_MESSAGE_SENDER)()
