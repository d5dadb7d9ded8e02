"""Inventory sync: synchronous database, cache and socket clients in coroutines."""
import asyncio
import socket
import sqlite3

import asyncpg
import psycopg2
import pymysql
import redis
import redis.asyncio as aioredis

DSN = "postgresql://inventory@127.0.0.1/inventory"


async def local_counts(db_path):
    conn = sqlite3.connect(db_path)  # expect: AIO104
    try:
        rows = conn.execute("SELECT sku, qty FROM stock").fetchall()
    finally:
        conn.close()
    await asyncio.sleep(0)
    return dict(rows)


async def remote_counts():
    pg = psycopg2.connect(DSN)  # expect: AIO104
    my = pymysql.connect(host="127.0.0.1", user="inventory", database="legacy")  # expect: AIO104
    cache = redis.Redis(host="127.0.0.1", port=6379)  # expect: AIO104
    cache.get("inventory:last-sync")
    await asyncio.sleep(0)
    return pg, my


async def ping_legacy(host, port):
    sock = socket.create_connection((host, port), timeout=2)  # expect: AIO104
    sock.close()
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    raw.connect((host, port))  # expect: AIO104
    raw.sendall(b"PING\r\n")  # expect: AIO104
    reply = raw.recv(64)  # expect: AIO104
    raw.close()
    await asyncio.sleep(0)
    return reply


async def counts_the_async_way(db_path):
    async with asyncpg.create_pool(DSN, max_size=4) as pool:
        rows = await pool.fetch("SELECT sku, qty FROM stock")
    cache = aioredis.Redis(host="127.0.0.1", port=6379)
    try:
        await cache.set("inventory:last-sync", len(rows))
    finally:
        await cache.aclose()
    local = await asyncio.to_thread(read_local, db_path)
    return dict(rows), local


def read_local(db_path):
    """Runs in a worker thread via asyncio.to_thread."""
    with sqlite3.connect(db_path) as conn:
        return dict(conn.execute("SELECT sku, qty FROM stock").fetchall())
