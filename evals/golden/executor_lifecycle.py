"""Report renderer: executors created and never shut down."""
import asyncio
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

io_pool = ThreadPoolExecutor(max_workers=4)  # expect: AIO161


def render_pdf(report_id):
    return f"/tmp/report-{report_id}.pdf"


def checksum(path):
    return sum(path.encode()) % 65521


async def render(report_id):
    loop = asyncio.get_running_loop()
    cpu_pool = ProcessPoolExecutor(max_workers=2)  # expect: AIO161
    path = await loop.run_in_executor(cpu_pool, render_pdf, report_id)
    digest = await loop.run_in_executor(io_pool, checksum, path)
    return path, digest


async def render_batch(report_ids):
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(max_workers=2) as pool:
        first = await loop.run_in_executor(pool, render_pdf, report_ids[0])
        second = await loop.run_in_executor(pool, render_pdf, report_ids[1])
    return first, second


if __name__ == "__main__":
    print(asyncio.run(render(7)))
