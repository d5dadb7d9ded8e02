"""Feature-flag client: async functions that never suspend, and the allowed ones."""
import abc
import asyncio
import functools

FLAGS = {"new-checkout": True, "dark-mode": False}


async def is_enabled(name):  # expect: AIO118
    return FLAGS.get(name, False)


async def all_flags():  # expect: AIO118
    snapshot = dict(FLAGS)

    async def refresh():
        await asyncio.sleep(0)
        return snapshot

    return refresh


async def fetch_flag(name):
    await asyncio.sleep(0)
    return FLAGS.get(name, False)


async def stream_flags():
    for name, value in FLAGS.items():
        yield name, value


async def not_implemented_yet(name):
    pass


async def placeholder(name):
    ...


def traced(func):
    @functools.wraps(func)
    async def wrapper(*args, **kwargs):
        return await func(*args, **kwargs)

    return wrapper


@traced
async def flag_names():
    return sorted(FLAGS)


class FlagSource(abc.ABC):
    @abc.abstractmethod
    async def load(self):
        """Return the current flags."""


class StaticFlags:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_info):
        return False

    async def get(self, name):  # expect: AIO118
        return FLAGS.get(name, False)

    async def watch(self, name):
        async with self:
            return await fetch_flag(name)
