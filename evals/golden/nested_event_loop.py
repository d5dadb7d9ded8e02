"""Plugin host: starting a second event loop from inside a running one."""
import asyncio


async def fetch_config(name):
    await asyncio.sleep(0)
    return {"name": name, "enabled": True}


def load_config_sync(name):
    """Synchronous API for scripts; safe because no loop runs in this thread."""
    return asyncio.run(fetch_config(name))


async def load_plugin(name):
    config = asyncio.run(fetch_config(name))  # expect: AIO112
    await asyncio.sleep(0)
    return config


async def load_all(names):
    loop = asyncio.get_running_loop()
    first = loop.run_until_complete(fetch_config(names[0]))  # expect: AIO112
    second = await fetch_config(names[1])
    return [first, second]


async def load_in_thread(name):
    def run_isolated():
        # Runs in a worker thread that has no loop of its own yet.
        return asyncio.run(fetch_config(name))

    return await asyncio.to_thread(run_isolated)


async def main():
    print(await load_plugin("audit"))
    print(await load_in_thread("metrics"))
    print(await load_all(["a", "b", "c"]))


if __name__ == "__main__":
    print(load_config_sync("cli"))
    asyncio.run(main())
