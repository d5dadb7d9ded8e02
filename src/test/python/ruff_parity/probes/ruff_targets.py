"""What ruff 0.17.3 flags with its ASYNC rules and RUF006, call by call, in one file.

Not a rule fixture: test_ruff_parity.py compares ruff's findings here (recorded in
ruff_findings.json under "probes/ruff_targets.py") with ours, so calls that the
rule authors' fixtures do not mention are compared too. Every call below is
deliberate; the file is never run.
"""
import asyncio
import codecs
import io
import os
import pathlib
import subprocess
import time
import urllib.request
from pathlib import Path

import httpx
import requests
import urllib3


async def sleeps():
    time.sleep(1)
    from time import sleep
    sleep(1)


async def http(url):
    requests.get(url)
    requests.post(url)
    requests.request("GET", url)
    requests.Session()
    httpx.get(url)
    httpx.request("GET", url)
    httpx.Client()
    urllib.request.urlopen(url)
    urllib3.request("GET", url)
    urllib3.PoolManager()
    with httpx.Client() as c:
        c.post(url)
    s = requests.Session()
    s.get(url)


async def files(p):
    open(p)
    io.open(p)
    io.open_code(p)
    codecs.open(p)
    Path(p).open()
    pathlib.Path(p).read_text()
    Path(p).write_bytes(b"")
    os.open(p, os.O_RDONLY)
    Path(p).exists()
    os.path.isfile(p)
    with open(p) as fh:
        fh.read()


async def procs(cmd):
    subprocess.run(cmd)
    subprocess.call(cmd)
    subprocess.check_call(cmd)
    subprocess.check_output(cmd)
    subprocess.getoutput(cmd)
    subprocess.getstatusoutput(cmd)
    subprocess.Popen(cmd)
    os.system(cmd)
    os.popen(cmd)
    os.posix_spawn(cmd, [cmd], {})
    os.posix_spawnp(cmd, [cmd], {})
    os.spawnl(os.P_WAIT, cmd)
    os.spawnvpe(os.P_WAIT, cmd, [], {})
    os.execl(cmd, cmd)
    os.wait()
    os.wait3(0)
    os.wait4(1, 0)
    os.waitid(os.P_PID, 1, os.WEXITED)
    os.waitpid(1, 0)


async def inputs():
    input()
    x = input("name? ")
    return x


async def busy(flag, ev):
    while not flag.done:
        await asyncio.sleep(0.1)
    while flag.count < 3:
        await asyncio.sleep(1)
    while not ev.is_set():
        await asyncio.sleep(0)


async def coro():
    await asyncio.sleep(0)


async def tasks():
    asyncio.create_task(coro())
    asyncio.ensure_future(coro())
    loop = asyncio.get_running_loop()
    loop.create_task(coro())
    asyncio.get_running_loop().create_task(coro())
    asyncio.get_event_loop().create_task(coro())


def sync_tasks():
    loop = asyncio.new_event_loop()
    loop.create_task(coro())
    asyncio.ensure_future(coro(), loop=loop)
