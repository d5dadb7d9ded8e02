"""Notification service: coroutines created and dropped on the floor."""
import asyncio
import logging

log = logging.getLogger("notify")


async def send_email(address, subject):
    await asyncio.sleep(0.01)
    log.info("mail to %s: %s", address, subject)


async def send_sms(number, text):
    await asyncio.sleep(0.01)
    log.info("sms to %s: %s", number, text)


def send_push(device, text):
    """Synchronous on purpose: it only appends to an outbox list."""
    OUTBOX.append((device, text))


OUTBOX = []


async def notify_user(user):
    send_email(user["email"], "Your order shipped")  # expect: AIO111
    asyncio.sleep(0.5)  # expect: AIO111
    send_push(user["device"], "Your order shipped")
    await send_sms(user["phone"], "Your order shipped")


def on_payment_failed(user):
    """Callback from the payment SDK: still creates a coroutine it never runs."""
    send_sms(user["phone"], "Payment failed")  # expect: AIO111


async def notify_properly(user):
    await send_email(user["email"], "Your order shipped")
    delay = asyncio.sleep(0.5)
    await delay
    async with asyncio.TaskGroup() as tg:
        tg.create_task(send_sms(user["phone"], "Your order shipped"))
        tg.create_task(send_email(user["email"], "Receipt"))
    send_push(user["device"], "Your order shipped")


async def main():
    user = {"email": "a@example.test", "phone": "+100", "device": "d1"}
    await notify_user(user)
    await notify_properly(user)


if __name__ == "__main__":
    asyncio.run(main())
