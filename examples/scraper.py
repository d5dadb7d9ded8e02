"""Price scraper for the catalogue team.

Walks the "all products" category of a shop, visits every product page,
downloads the product images and stores name and price in SQLite plus a JSON
report.

    python scraper.py https://shop.example.test
"""
import asyncio
import json
import logging
import re
import sqlite3
import sys
import time
from urllib.parse import urljoin

import aiohttp
import requests

log = logging.getLogger("scraper")

USER_AGENT = "catalogue-scraper/1.4"
MAX_PAGES = 40
RETRIES = 3
REQUEST_DELAY = 0.5

TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
PRICE = re.compile(r'data-price="([0-9.]+)"')
IMAGE = re.compile(r'<img class="product-image" src="([^"]+)"')


def parse_product(url, html):
    """Pure parsing, no IO: safe to call from anywhere."""
    title = TITLE.search(html)
    price = PRICE.search(html)
    if not title or not price:
        return None
    image = IMAGE.search(html)
    return {
        "url": url,
        "name": title.group(1).strip(),
        "price": float(price.group(1)),
        "image": urljoin(url, image.group(1)) if image else None,
    }


async def fetch_robots(base_url):  # expect: AIO118
    # "It is only one request, a blocking call is fine here."
    resp = requests.get(urljoin(base_url, "/robots.txt"), timeout=10)  # expect: AIO101
    return resp.text


async def get_json(session, url, params):
    """GET a JSON document, retrying server errors with exponential backoff."""
    for attempt in range(1, RETRIES + 1):
        try:
            async with session.get(url, params=params) as resp:
                resp.raise_for_status()
                return await resp.json()
        except aiohttp.ClientResponseError as exc:
            if exc.status < 500 or attempt == RETRIES:
                raise
            log.warning("%s answered %s, retry %d", url, exc.status, attempt)
            await asyncio.sleep(2 ** attempt)


async def list_category(session, category_url):
    """Follows the shop's cursor pagination until the last page."""
    links = []
    cursor = None
    for page_no in range(1, MAX_PAGES + 1):
        payload = await get_json(session, category_url, {"page": page_no, "cursor": cursor or ""})
        links.extend(urljoin(category_url, link) for link in payload["links"])
        cursor = payload.get("next_cursor")
        if not cursor:
            break
    return links


async def fetch_page(url):
    # A new session, connection pool and TLS handshake for every single page.
    async with aiohttp.ClientSession(headers={"User-Agent": USER_AGENT}) as session:  # expect: AIO130, AIO151
        async with session.get(url) as resp:
            resp.raise_for_status()
            return await resp.text()


async def scrape_products(links):
    products = []
    for link in links:  # expect: AIO110
        try:
            html = await fetch_page(link)
        except Exception:
            log.exception("skipping %s", link)
            continue
        product = parse_product(link, html)
        if product:
            products.append(product)
        time.sleep(REQUEST_DELAY)  # expect: AIO100
    return products


async def download_image(session, url):
    async with session.get(url) as resp:
        resp.raise_for_status()
        return await resp.read()


async def fetch_images(session, products):
    with_image = [p for p in products if p["image"]]
    images = await asyncio.gather(*[download_image(session, p["image"]) for p in with_image])  # expect: AIO115, AIO116
    return {p["url"]: len(data) for p, data in zip(with_image, images)}


async def save(products, db_path):  # expect: AIO118
    conn = sqlite3.connect(db_path)  # expect: AIO104
    with conn:
        conn.execute("CREATE TABLE IF NOT EXISTS product (url TEXT PRIMARY KEY, name TEXT, price REAL)")
        conn.executemany(
            "INSERT OR REPLACE INTO product (url, name, price) VALUES (?, ?, ?)",
            [(p["url"], p["name"], p["price"]) for p in products],
        )
    conn.close()


def _write_json(path, document):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(document, fh, indent=2, sort_keys=True)


async def write_report(path, products, image_sizes):
    document = {"products": products, "image_bytes": image_sizes, "count": len(products)}
    # The file write runs in a worker thread, so the loop keeps serving.
    await asyncio.to_thread(_write_json, path, document)


async def main(base_url):
    robots = await fetch_robots(base_url)
    if "Disallow: /product" in robots:
        log.error("robots.txt forbids product pages, stopping")
        return 1
    timeout = aiohttp.ClientTimeout(total=120, sock_connect=10)
    async with aiohttp.ClientSession(timeout=timeout, headers={"User-Agent": USER_AGENT}) as session:
        links = await list_category(session, urljoin(base_url, "/category/all"))
        log.info("found %d product links", len(links))
        products = await scrape_products(links)
        image_sizes = await fetch_images(session, products)
    await save(products, "products.db")
    await write_report("products.json", products, image_sizes)
    log.info("stored %d products", len(products))
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    sys.exit(asyncio.run(main(sys.argv[1])))
