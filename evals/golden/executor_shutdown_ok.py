"""Checksum service: a long-lived executor that is shut down on exit."""
import asyncio
import hashlib
from concurrent.futures import ThreadPoolExecutor

hash_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="hash")


def digest(data):
    return hashlib.sha256(data).hexdigest()


async def checksum_all(chunks):
    loop = asyncio.get_running_loop()
    results = []
    for chunk in chunks:  # expect: AIO110
        results.append(await loop.run_in_executor(hash_pool, digest, chunk))
    return results


async def checksum_one(data):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(hash_pool, digest, data)


async def main():
    try:
        print(await checksum_one(b"payload"))
        print(await checksum_all([b"a", b"b"]))
    finally:
        hash_pool.shutdown(wait=True, cancel_futures=True)


if __name__ == "__main__":
    asyncio.run(main())
